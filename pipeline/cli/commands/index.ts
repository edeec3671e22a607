import type {Command} from '../run.ts'
import {serveCommand} from './serve.ts'

/** Every command, in the order `--help` lists them. Each lives in its own module beside this one. */
export const commands: Command[] = [serveCommand]
