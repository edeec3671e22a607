import type {Node, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/** Every import finding names where it comes from in these words. */
export const IMPORT_SOURCE = 'vetted:import'

export interface ImportMessageOptions {
  ruleId: string
  /** The Markdown node the message is about: its position gives the message its `file:line:column`. */
  node?: Node | null
  place?: Position | null
  /** What was found (e.g. the construct's name). */
  actual?: string
  /** `info` for facts a writer may want to know, `error` when the file cannot be imported as it is. @defaultValue 'warning' */
  level?: 'info' | 'warning' | 'error'
}

/**
 * Reports a content problem found while importing, as a vfile message with a ruleId and the Markdown place, in the
 * words a writer needs: what was found, what the import did with it, what to do. Errors are `fatal: true`.
 */
export function importMessage(file: VFile, reason: string, options: ImportMessageOptions): VFileMessage {
  const place = options.place ?? options.node?.position
  const message = file.message(reason, {ruleId: options.ruleId, source: IMPORT_SOURCE, ...(place ? {place} : {})})
  if (options.actual !== undefined) message.actual = options.actual
  if (options.level === 'info') message.fatal = undefined
  else if (options.level === 'error') message.fatal = true
  else message.fatal = false
  return message
}
