import {createHash} from 'node:crypto'

/** A 12-hex-digit array key derived from where the object sits, as stable as the source text. */
export function hashKey(place: string): string {
  return createHash('sha256').update(place).digest('hex').slice(0, 12)
}

const ALPHANUMERIC = /[^A-Za-z0-9]/g

/** A 22-character revision id derived from the document's content, shaped like the Content Lake's. */
export function revisionOf(content: string): string {
  return createHash('sha256').update(content).digest('base64').replace(ALPHANUMERIC, '').slice(0, 22)
}
