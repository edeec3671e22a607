import type {Command} from '../run.ts'
import {exportCommand} from './export.ts'
import {importCommand} from './import.ts'
import {inspectCommand} from './inspect.ts'
import {renderCommand} from './render.ts'
import {serveCommand} from './serve.ts'
import {validateCommand} from './validate.ts'
import {verifyCommand} from './verify.ts'

/** Every command, in the order `--help` lists them. Each lives in its own module beside this one. */
export const commands: Command[] = [exportCommand, importCommand, inspectCommand, renderCommand, serveCommand, validateCommand, verifyCommand]
