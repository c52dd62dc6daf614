// `npm test`'s steps before vitest: the typecheck, the lint and the build, side by side instead of
// one after another. Each is CPU-bound but none fills both cores for its whole run (the typecheck's
// layer lane ends before its whole-tree lane, ESLint runs alone once the dependency rules are done),
// so together they end sooner (docs/benchmarks.md, "The test suite"). Each prints its own output
// when all have ended; exits non-zero if any failed.
import { report, runNode } from './side-by-side.mjs'

const results = await Promise.all([
  runNode('typecheck', ['scripts/typecheck.mjs']),
  runNode('lint', ['scripts/lint.mjs']),
  runNode('build', ['scripts/build.mjs'])
])
const ok = report('check', results, { okOutput: true })
process.exit(ok ? 0 : 1)
