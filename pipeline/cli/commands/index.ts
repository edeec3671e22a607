import type {LazyCommand} from '../run.ts'

/**
 * Every command, in the order `--help` lists them. Each lives in its own module beside this one and is imported
 * only when it runs, so a command never pays the start-up cost of another's dependencies.
 */
export const commands: LazyCommand[] = [
  {name: 'copy', load: async () => (await import('./copy.ts')).copyCommand},
  {name: 'export', load: async () => (await import('../export-bounded.ts')).boundedExportCommand},
  {name: 'import', load: async () => (await import('./import.ts')).importCommand},
  {name: 'inspect', load: async () => (await import('./inspect.ts')).inspectCommand},
  {name: 'render', load: async () => (await import('./render.ts')).renderCommand},
  {name: 'serve', load: async () => (await import('./serve.ts')).serveCommand},
  {name: 'validate', load: async () => (await import('./validate.ts')).validateCommand},
  {name: 'verify', load: async () => (await import('./verify.ts')).verifyCommand},
]
