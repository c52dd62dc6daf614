/**
 * How long scoring a long board takes (issue 6: under a second for 100,000 events). A mixed
 * brand/customer workshop of SCORING_UPDATES updates (about as many element events: creates,
 * links, relabels, reconnects, deletes and moves) goes through the real room with derived history
 * on; then, over the board's metrics input, `computeProfile` and, separately, the permutation
 * baseline (1,000 seeded shuffles) are timed RUNS times each: median and min. Also the whole
 * `metricsAt` (reading the history and seeking the maps it needs). Run: `npm run bench:scoring`.
 */
import { cpus, loadavg, tmpdir } from 'node:os'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { computeProfile, permutationBaseline } from '../../shared/metrics'
import { metricsAt } from '../../server/history/metrics-at'
import { metricsInputAt } from '../../server/history/metrics-input'
import { createLogger } from '../../server/log'
import { openHistoryBenchStore } from './history-bench-store'
import { applyScoringEdits } from './scoring-edits'

const UPDATES = Number(process.env.SCORING_UPDATES ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 5)
const BOARD = 'scored'
const log = createLogger('silent')

const round = (n: number) => +n.toFixed(1)
function timed(runs: number, f: () => unknown): { medianMs: number; minMs: number } {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    f()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { medianMs: round(times[Math.floor(times.length / 2)]!), minMs: round(times[0]!) }
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-scoring-'))
  const { store, history, registry, close } = await openHistoryBenchStore(dataDir, log)

  // 24 brand and 24 customer participants, all connected from the start (equity counts them).
  const start = Date.now()
  const authors: string[] = []
  for (let i = 0; i < 48; i++) {
    const id = `p${i}`
    authors.push(id)
    const role = i % 2 === 0 ? 'brand' : 'customer'
    await store.metadata.createParticipant({ id, boardId: BOARD, role, name: id, createdAt: start, inviteId: 'bench', revokedAt: null, firstConnectedAt: start })
  }
  const room = await registry.room(BOARD)
  // Yield every 500 updates so arrival times spread over a few ms per batch, as in a real session.
  await applyScoringEdits(room, UPDATES, authors, (i) => (i % 500 === 0 ? new Promise<void>((r) => setTimeout(r, 2)) : undefined))
  await (await history.board(BOARD)).recorder.settled()
  const at = Date.now()

  const deps = { history, metadata: store.metadata }
  const input = await metricsInputAt(deps, BOARD, at)
  const content = input.events.filter((e) => e.kind !== 'move' && e.kind !== 'restyle').length
  const profile = computeProfile(input)
  const profileMs = timed(RUNS, () => computeProfile(input))
  const baseline = permutationBaseline(input)
  const baselineMs = timed(RUNS, () => permutationBaseline(input))
  const endToEnd: number[] = []
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const t = performance.now()
    await metricsAt(deps, BOARD, at)
    endToEnd.push(performance.now() - t)
  }
  endToEnd.sort((a, b) => a - b)
  await close()

  console.log(
    JSON.stringify(
      {
        scoring: {
          updates: UPDATES,
          events: input.events.length,
          contentEvents: content,
          concepts: input.mapAt(at).concepts.length,
          links: input.mapAt(at).links.length,
          machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg1m: +loadavg()[0]!.toFixed(2) },
          computeProfile: { runs: RUNS, ...profileMs },
          permutationBaseline: { runs: RUNS, iterations: baseline.iterations, ...baselineMs },
          metricsAtIncludingHistoryRead: { runs: endToEnd.length, medianMs: round(endToEnd[Math.floor(endToEnd.length / 2)]!), minMs: round(endToEnd[0]!) },
          goalMs: 1000,
          sample: { balance: profile.balance, bridging: profile.bridging, uptake: profile.uptake, structure: profile.structure.score, baselineBridgingPercentile: baseline.bridging.percentile }
        }
      },
      null,
      2
    )
  )
  await rm(dataDir, { recursive: true, force: true })
}

await main()
