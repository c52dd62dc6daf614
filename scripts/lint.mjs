// `npm run lint`: ESLint (typescript-eslint) and the dependency rules (.dependency-cruiser.cjs), run
// side by side. Exits non-zero if either finds a problem; each prints its own findings.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

for (const tool of ['eslint', 'dependency-cruiser', 'typescript-eslint']) {
  if (!existsSync(`node_modules/${tool}`)) {
    console.error(`lint: node_modules/${tool} is missing. Run \`npm install\` (package.json lists it since issue 21).`)
    process.exit(2)
  }
}

const run = (label, args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ label, code, out }))
  })

const results = await Promise.all([
  run('eslint', ['node_modules/eslint/bin/eslint.js', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '--max-warnings', '0', '.']),
  run('dependency rules', ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', '--output-type', 'err', 'server', 'client', 'shared'])
])
let failed = false
for (const { label, code, out } of results) {
  if (code === 0) {
    console.log(`lint: ${label} ok`)
  } else {
    failed = true
    console.error(`lint: ${label} failed (docs/architecture.md, "Boundaries", says what each rule protects)\n${out.trim()}\n`)
  }
}
process.exit(failed ? 1 : 0)
