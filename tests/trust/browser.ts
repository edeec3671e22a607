import {existsSync} from 'node:fs'
import {type Browser, chromium} from 'playwright-core'

/**
 * The real browser the trust suite drives: Debian's Chromium (CI installs it with `apt-get install -y chromium`),
 * headless, with everything that could reach the network on its own switched off. `chromium.launch` gives every
 * run a fresh temporary profile, so nothing cached by an earlier run can hide a failed request.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches Chromium, or fails (never skips) with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}, and the trust suite needs a real browser. ` +
        'Install it with `apt-get install -y chromium` (as CI does), or set CHROMIUM_PATH to a Chromium binary.',
    )
  }
  return chromium.launch({executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000})
}
