/**
 * A source that cannot be read at all (missing file, refused credentials, unknown project): one line that says
 * what to check. Commands print the message and exit with code 2. Never put a token in the message.
 */
export class SourceError extends Error {
  override name = 'SourceError'
}
