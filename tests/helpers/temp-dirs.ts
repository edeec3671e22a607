import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

// Vitest loads helpers afresh for every test file, so this list holds one file's folders.
const created = new Set<string>()

/** A fresh temporary folder, removed by `removeTempDirs` (register it with `afterAll` in the test file). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  created.add(dir)
  return dir
}

/** Removes every folder `makeTempDir` made in this test file; retries because a just-stopped child may still be closing files. */
export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, {recursive: true, force: true, maxRetries: 3})
  created.clear()
}
