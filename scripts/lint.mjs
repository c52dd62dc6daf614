// `npm run lint`: ESLint (typescript-eslint) and the dependency rules (.dependency-cruiser.cjs), run
// side by side. Exits non-zero if either finds a problem; each prints its own findings.
import { existsSync } from 'node:fs'
import { report, runNode } from './side-by-side.mjs'

for (const tool of ['eslint', 'dependency-cruiser', 'typescript-eslint']) {
  if (!existsSync(`node_modules/${tool}`)) {
    console.error(`lint: node_modules/${tool} is missing. Run \`npm install\` (package.json lists it since issue 21).`)
    process.exit(2)
  }
}

const results = await Promise.all([
  runNode('eslint', ['node_modules/eslint/bin/eslint.js', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '--max-warnings', '0', '.']),
  runNode('dependency rules', ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', '--output-type', 'err', 'server', 'client', 'shared'])
])
const ok = report('lint', results, { failedNote: ' (docs/architecture.md, "Boundaries", says what each rule protects)' })
process.exit(ok ? 0 : 1)
