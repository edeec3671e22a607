/**
 * Structured logs: one JSON object per line on stdout, for a log shipper to parse. Callers pass only the fields
 * they mean to publish; `redactSecrets` is the safety net for text that comes from elsewhere (a child's stderr).
 */

export type LogFields = Record<string, string | number | boolean | null | undefined | object>

export type Logger = (event: string, fields?: LogFields) => void

export function createJsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return (event, fields = {}) => {
    // Log lines carry the wall-clock time: logs are not bundles, and an operator needs it.
    write(`${JSON.stringify({time: new Date().toISOString(), event, ...fields})}\n`)
  }
}

export const silentLogger: Logger = () => {}

/** The environment variables whose values must never appear in a log line. */
export const SECRET_ENV_NAMES = ['SANITY_WEBHOOK_SECRET', 'SANITY_API_TOKEN', 'SANITY_AUTH_TOKEN'] as const

/** Replace every occurrence of a secret value (from `env`) in `text` with `[redacted]`. */
export function redactSecrets(text: string, env: Record<string, string | undefined>): string {
  let result = text
  for (const name of SECRET_ENV_NAMES) {
    const value = env[name]
    // Very short values would redact ordinary words; such a secret is a configuration mistake caught elsewhere.
    if (value && value.length >= 8) result = result.split(value).join('[redacted]')
  }
  return result
}
