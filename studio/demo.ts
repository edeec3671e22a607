import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {readNdjson} from '../tests/helpers/studio-fixtures.ts'
import {DEMO_USERS, type DemoUserName} from '../tests/helpers/content-lake-standin/users.ts'
import {startContentLakeStandin} from '../tests/helpers/content-lake-standin/server.ts'

/**
 * `npm run studio:demo`: the built Studio on the embedded dataset, against the local Content Lake stand-in. No
 * account and no network: Chromium is pointed at the stand-in with host-resolver rules. Changes live in memory
 * and are gone when the demo stops.
 */

const USAGE = `Usage: npm run studio:demo -- [--as reviewer|writer] [--open] [--port N]

  --as reviewer  sign in as Morgan Blair, linked to the medical reviewer person (default)
  --as writer    sign in as Lena Fischer, a writer linked to no reviewer (cannot sign off)
  --open         open Chromium (${'/usr/bin/chromium'}) on the Studio; without it, print the URL and the flags
  --port N       listen on 127.0.0.1:N (default 3333)`

const {values} = parseArgs({
  options: {
    as: {type: 'string', default: 'reviewer'},
    open: {type: 'boolean', default: false},
    port: {type: 'string', default: '3333'},
    help: {type: 'boolean', default: false},
  },
})
if (values.help || !(values.as in DEMO_USERS)) {
  console.log(USAGE)
  process.exit(values.help ? 0 : 2)
}

const studioDir = fileURLToPath(new URL('dist/', import.meta.url))
if (!existsSync(studioDir)) {
  console.error('No Studio build in studio/dist: run `npm run studio:build` first.')
  process.exit(1)
}

const standin = await startContentLakeStandin({
  documents: readNdjson(fileURLToPath(new URL('dataset/production.ndjson', import.meta.url))),
  datasetFile: fileURLToPath(new URL('dataset/production.ndjson', import.meta.url)),
  user: DEMO_USERS[values.as as DemoUserName],
  studioDir,
  port: Number(values.port),
})
const flags = [...standin.chromiumArgs, '--ignore-certificate-errors']
console.log(`The Studio on the embedded dataset, signed in as ${DEMO_USERS[values.as as DemoUserName].name}:

  ${standin.studioUrl}

Open it in a Chromium started with these flags (a throwaway profile; the certificate is a test-only one):

  chromium --user-data-dir=$(mktemp -d) ${flags.map((flag) => `'${flag}'`).join(' ')} ${standin.studioUrl}

Edits live in memory until you stop the demo (Ctrl+C).`)

if (values.open) {
  const {chromium} = await import('playwright-core')
  const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: false, args: flags})
  const page = await browser.newPage({ignoreHTTPSErrors: true, viewport: null})
  await page.goto(standin.studioUrl)
  browser.on('disconnected', () => void standin.close().then(() => process.exit(0)))
}

process.on('SIGINT', () => void standin.close().then(() => process.exit(0)))
