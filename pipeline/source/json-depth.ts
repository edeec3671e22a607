export const DEFAULT_MAX_DEPTH = 200

/**
 * Whether JSON text nests objects and arrays deeper than `maxDepth`, found by scanning the bytes before parsing:
 * a line of a million `[` parses fine in V8 but would overflow the stack of anything that walks it recursively
 * (GROQ evaluation, canonical JSON, rendering). Brackets inside strings do not count.
 */
export function jsonExceedsDepth(bytes: Uint8Array, maxDepth: number = DEFAULT_MAX_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]
    if (inString) {
      if (byte === 0x5c) index++ // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false
    } else if (byte === 0x22) {
      inString = true
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) return true
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--
    }
  }
  return false
}
