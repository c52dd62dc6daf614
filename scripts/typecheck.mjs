// `npm run typecheck`: each layer against its own libs (shared: none; server: Node's; client: the
// DOM's), then everything with the tests. Two lanes side by side on the machine's cores: the whole
// tree (the longest check) in one, the three layers one after another in the other; run one after
// another they took longer (docs/benchmarks.md, "The test suite"). Arguments go to each tsc. Exits non-zero if any
// check fails; each failing check prints its own errors.
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'

const tsc = (project) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ project, code, out }))
  })

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
let failed = false
for (const { project, code, out } of results) {
  if (code === 0) continue
  failed = true
  console.error(`typecheck: ${project} failed\n${out.trim()}\n`)
}
if (!failed) console.log(`typecheck: ${results.map((r) => r.project).join(', ')} ok`)
process.exit(failed ? 1 : 0)
