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
// file contents): most of a command's start-up is stripping types from and compiling ~150 modules, and a re-export
// is mostly start-up. The cache is per thread: a worker thread (the export runs in one, and so do its render and
// citation threads) enables it from NODE_COMPILE_CACHE in the environment it copies from this one's.
const {enableCompileCache, getCompileCacheDir} = await import('node:module')
enableCompileCache?.()
const cacheDir = getCompileCacheDir?.()
if (cacheDir && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cacheDir
await import('../pipeline/cli/main.ts')
