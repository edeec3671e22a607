#!/usr/bin/env node
// The published entry point. The pipeline is TypeScript run by Node's type stripping (Node >= 22.18 / 24),
// which the `node` devDependency provides on PATH under npm/npx; fail with a clear line on an older Node.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `vetted: Node ${process.versions.node} is too old; run it through npx or npm scripts (they use the project's Node 24), or install Node >= 22.18.\n`,
  )
  process.exit(2)
}
// Node keeps the compiled, type-stripped modules in its compile cache (in the temp folder, keyed by Node version and
// file contents): most of a command's start-up is compiling ~150 modules, and a re-export is mostly start-up.
const {enableCompileCache} = await import('node:module')
enableCompileCache?.()
await import('../pipeline/cli/main.ts')
