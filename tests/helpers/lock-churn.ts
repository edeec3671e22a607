import {acquireLock} from '../../pipeline/export/release/lock.ts'

/** Takes and releases the export lock on `argv[2]` `argv[3]` times, as fast as it can: a rival for tests/export-rules. */
const [dir, times] = process.argv.slice(2)
for (let n = 0; n < Number(times); n++) acquireLock(String(dir))()
