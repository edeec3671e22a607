import {randomBytes} from 'node:crypto'
import {open, rename, rm} from 'node:fs/promises'
import path from 'node:path'
import {toNdjson, type DatasetDocument} from './dataset.ts'

/**
 * Writes an NDJSON dataset atomically: a temporary file beside the target, flushed to disk, then renamed over it,
 * so a reader (or a crash) sees the old file or the new one, never half of one.
 */
export async function writeDatasetAtomically(target: string, documents: readonly DatasetDocument[]): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temporary, 'wx')
  try {
    await handle.writeFile(toNdjson(documents))
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temporary, {force: true})
    throw error
  }
  await handle.close()
  try {
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}
