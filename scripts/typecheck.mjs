// `npm run typecheck`: each layer against its own libs (shared: none; server: Node's; client: the
// DOM's), then everything with the tests. Two lanes side by side on the machine's cores: the whole
// tree (the longest check) in one, the three layers one after another in the other; run one after
// another they took longer (docs/benchmarks.md, "The test suite"). Arguments go to each tsc. Exits non-zero if any
// check fails; each failing check prints its own errors.
import { availableParallelism } from 'node:os'
import { report, runNode } from './side-by-side.mjs'

const tsc = (project) => runNode(project, ['node_modules/typescript/bin/tsc', '-p', project, ...process.argv.slice(2)])

const inOrder = async (projects) => {
  const results = []
  for (const p of projects) results.push(await tsc(p))
  return results
}

const layers = ['tsconfig.shared.json', 'tsconfig.server.json', 'tsconfig.client.json']
const lanes =
  availableParallelism() > 1
    ? [inOrder(layers), inOrder(['tsconfig.json'])]
    : [inOrder([...layers, 'tsconfig.json'])]
const results = (await Promise.all(lanes)).flat()
const failed = results.filter((r) => r.code !== 0)
report('typecheck', failed)
if (failed.length === 0) console.log(`typecheck: ${results.map((r) => r.label).join(', ')} ok`)
process.exit(failed.length ? 1 : 0)
