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
await import('../pipeline/cli/main.ts')
