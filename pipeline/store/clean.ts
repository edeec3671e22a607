import {renameSync, rmSync} from 'node:fs'
import path from 'node:path'

/**
 * The detached cleaner `trash.ts` starts: `node clean.ts OUT .trash-<pid>-<n>...`. Each folder is first renamed to
 * a name of this process (so a run that starts meanwhile sees a live owner and leaves it alone, and two cleaners
 * never delete the same folder), then deleted. Killed at any point, it leaves `.trash-*` folders that the next run
 * hands to its own cleaner. Only names of the trash pattern directly inside OUT are ever touched.
 */

const TRASH = /^\.trash-\d+-\d+$/

const [outDir, ...names] = process.argv.slice(2)
if (outDir !== undefined) {
  let sequence = 0
  for (const name of names) {
    if (!TRASH.test(name)) continue
    const claimed = path.join(outDir, `.trash-${process.pid}-${++sequence}`)
    try {
      renameSync(path.join(outDir, name), claimed)
    } catch {
      // Gone already (another cleaner took it): nothing to do.
      continue
    }
    try {
      rmSync(claimed, {recursive: true, force: true, maxRetries: 2})
    } catch {
      // Left for the next run's cleaner.
    }
  }
}
