/**
 * How long scoring a long board takes. A mixed brand/customer workshop of SCORING_UPDATES updates
 * (about as many element events: creates, links, relabels, reconnects, deletes and moves) goes
 * through the real room with derived history on. Then:
 * - in process, over the board's metrics input: `computeProfile` and the permutation baseline
 *   (1,000 seeded shuffles), RUNS times each (median and min); and the profile read afresh from the
 *   derived history (`fromHistory`: 10^5 records read, then scored), as every read did before the
 *   metrics log;
 * - through the real server (the same data directory, restarted; the board loaded by a `GET …/map`):
 *   `GET …/metrics` the first time (the metrics log reads the derived history once; with
 *   --expose-gc, the heap it holds), then RUNS times warm (a
 *   running profile: no rescan), with `baseline=1`, at a past moment (`at=`, a replay from memory),
 *   and `GET …/report` (profile, baseline, a 24-sample timeline, contributions, the uptake network;
 *   the map's picture is served apart): the first read of this map, then RUNS more of the
 *   unchanged map, then RUNS reads each right after a participant relabels a concept through a
 *   real WebSocket client (what a facilitator opening the report during a workshop waits for: the
 *   timeline and the baseline start over), each followed by the map's picture at the report's
 *   moment (`GET …/report/picture`, drawn anew: what the page shows when it arrives).
 * - live: the board goes on by 2,000 updates; the CPU of a profile read that folds them in, and of
 *   one right after (what a live stream pays per update and per read).
 * Goals (issue 22): metrics < 250 ms, report < 1 s on 100,000 events. Run: `npm run bench:scoring`.
 */
import { cpus, loadavg, tmpdir } from 'node:os'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type * as Y from 'yjs'
import { computeProfile, permutationBaseline } from '../../shared/metrics'
import { boardScoring, fromHistory } from '../../server/history/board-scoring'
import { createLogger } from '../../server/log'
import { startTestServer } from '../support/server'
import { openHistoryBenchStore } from './history-bench-store'
import { applyScoringEdits } from './scoring-edits'
import { stockClient, synced, waitFor } from '../support/clients'

const UPDATES = Number(process.env.SCORING_UPDATES ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 5)
const LIVE_UPDATES = 2000
const log = createLogger('silent')

const round = (n: number) => +n.toFixed(1)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
/**
 * Wall time (median, min) and this process's CPU time (median) per run: the server runs in this
 * process, so on a shared machine the CPU time says what a read costs when wall time is inflated by
 * other work.
 */
async function timed(runs: number, f: () => unknown): Promise<{ runs: number; medianMs: number; minMs: number; cpuMedianMs: number }> {
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage()
    const start = performance.now()
    await f()
    times.push(performance.now() - start)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
  }
  return { runs, medianMs: round(median(times)), minMs: round(Math.min(...times)), cpuMedianMs: round(median(cpu)) }
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-scoring-'))
  // The board is created through the API, so the restarted server serves it like any other.
  const creator = await startTestServer({ dataDir })
  const { id: board } = await creator.createBoard('Scored', 'How long does scoring a long board take?')
  await creator.close()

  const { store, history, registry, close } = await openHistoryBenchStore(dataDir, log)
  // 24 brand and 24 customer participants, all connected from the start (equity counts them).
  const start = Date.now()
  const authors: string[] = []
  for (let i = 0; i < 48; i++) {
    const id = `p${i}`
    authors.push(id)
    const role = i % 2 === 0 ? 'brand' : 'customer'
    await store.metadata.createParticipant({ id, boardId: board, role, name: id, createdAt: start, inviteId: 'bench', revokedAt: null, firstConnectedAt: start })
  }
  const room = await registry.room(board)
  // Yield every 500 updates so arrival times spread over a few ms per batch, as in a real session.
  await applyScoringEdits(room, UPDATES, authors, (i) => (i % 500 === 0 ? new Promise<void>((r) => setTimeout(r, 2)) : undefined))
  await (await history.board(board)).recorder.settled()
  const at = Date.now()

  const deps = { history, metadata: store.metadata }
  const afresh = await timed(Math.min(RUNS, 3), () => fromHistory(deps, board, at))
  const input = (await fromHistory(deps, board, at)).input()
  const content = input.events.filter((e) => e.kind !== 'move' && e.kind !== 'restyle').length
  const profile = computeProfile(input)
  const profileMs = await timed(RUNS, () => computeProfile(input))
  const baseline = permutationBaseline(input)
  const baselineMs = await timed(RUNS, () => permutationBaseline(input))
  const shape = { concepts: input.mapAt(at).concepts.length, links: input.mapAt(at).links.length }

  // Live: the running profile as the board goes on (what a live stream reads at most once a second).
  // A read after LIVE_UPDATES more updates folds them in; a read right after it, nothing.
  await boardScoring(deps, board, Date.now())
  await applyScoringEdits(room, LIVE_UPDATES, authors, (i) => (i % 100 === 0 ? new Promise<void>((r) => setTimeout(r, 2)) : undefined), 99)
  await (await history.board(board)).recorder.settled()
  const cpuOf = async (f: () => Promise<unknown>) => {
    const c = process.cpuUsage()
    await f()
    const used = process.cpuUsage(c)
    return (used.user + used.system) / 1000
  }
  const readAfterUpdates = await cpuOf(() => boardScoring(deps, board, Date.now()))
  const readAgain = await cpuOf(() => boardScoring(deps, board, Date.now()))
  // What the restarted server must serve: the board as the live updates left it (`profile` above
  // predates them, so it cannot be the check).
  const finalProfile = (await boardScoring(deps, board, Date.now())).profile
  const live = {
    updates: LIVE_UPDATES,
    readAfterUpdatesCpuMs: round(readAfterUpdates),
    readCpuMs: round(readAgain),
    foldCpuMsPerUpdate: +((readAfterUpdates - readAgain) / LIVE_UPDATES).toFixed(4)
  }
  await close()

  // Through the real server: what a facilitator's page waits for.
  const server = await startTestServer({ dataDir })
  const get = async (path: string) => {
    const res = await server.api(path)
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`)
    return res.json() as Promise<Record<string, unknown>>
  }
  const metricsPath = `/api/boards/${board}/metrics`
  // The board loaded, then its metrics log read: what the log holds in memory (with --expose-gc).
  const heapMb = () => {
    ;(globalThis as { gc?: () => void }).gc?.()
    return process.memoryUsage().heapUsed / 2 ** 20
  }
  await get(`/api/boards/${board}/map`)
  const heapBefore = heapMb()
  const t0 = performance.now()
  const first = await get(metricsPath)
  const firstMs = round(performance.now() - t0)
  const logHeapMb = 'gc' in globalThis ? round(heapMb() - heapBefore) : null
  const served = { ...first }
  const warm = await timed(RUNS, () => get(metricsPath))
  const withBaseline = await timed(RUNS, () => get(`${metricsPath}?baseline=1`))
  const pastAt = Math.floor((start + at) / 2)
  // A new moment each run: a read of the same past moment is answered from the replay kept for it.
  let pastRun = 0
  const past = await timed(RUNS, () => get(`${metricsPath}?at=${pastAt + pastRun++ * 1000}`))
  // The first report of the process (the metrics log's replays start from nothing).
  const reportFirst = await timed(1, () => get(`/api/boards/${board}/report`))
  const report = await timed(RUNS, () => get(`/api/boards/${board}/report`))
  // After a change: a participant relabels a concept, the server has it, then the report is read.
  const invite = (await (await server.api(`/api/boards/${board}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', name: 'late' }) })).json()) as { token: string }
  const client = stockClient(server.wsUrl, board, invite.token)
  await synced(client, 60_000)
  const concepts = client.doc.getMap<Y.Map<unknown>>('concepts')
  const relabelled = [...concepts.keys()].slice(0, RUNS)
  const afterChange = { runs: RUNS, ms: [] as number[], cpuMs: [] as number[] }
  const pictureAfterChange = { runs: RUNS, ms: [] as number[], cpuMs: [] as number[] }
  for (const [i, id] of relabelled.entries()) {
    const label = `relabelled ${i}`
    concepts.get(id)?.set('label', label)
    await waitFor(() => client.provider.wsconnected && (client.provider.ws?.bufferedAmount ?? 0) === 0, 10_000, 'the relabel sent')
    const mapHas = async () => {
      // A kept-alive socket the server has just closed fails the fetch: that is not an answer.
      const map = (await get(`/api/boards/${board}/map`).catch(() => null)) as { concepts: Array<{ id: string; label: string }> } | null
      return map !== null && map.concepts.some((c) => c.id === id && c.label === label)
    }
    for (let tries = 0; !(await mapHas()); tries++) {
      if (tries > 100) throw new Error('the relabel never reached the server')
      await new Promise((r) => setTimeout(r, 50))
    }
    let reportAt = 0
    const one = await timed(1, async () => {
      reportAt = (await get(`/api/boards/${board}/report`)).at as number
    })
    afterChange.ms.push(one.medianMs)
    afterChange.cpuMs.push(one.cpuMedianMs)
    // Then what the page asks for next: the map's picture at the report's moment (drawn anew).
    const drawn = await timed(1, async () => {
      const res = await server.api(`/api/boards/${board}/report/picture?at=${reportAt}`)
      if (res.status !== 200 || !(await res.text()).startsWith('<svg')) throw new Error(`GET …/report/picture: ${res.status}`)
    })
    pictureAfterChange.ms.push(drawn.medianMs)
    pictureAfterChange.cpuMs.push(drawn.cpuMedianMs)
  }
  client.destroy()
  const summary = (r: typeof afterChange) => ({ runs: RUNS, medianMs: median(r.ms), minMs: Math.min(...r.ms), cpuMedianMs: median(r.cpuMs) })
  const reportAfterChange = summary(afterChange)
  await server.close()

  console.log(
    JSON.stringify(
      {
        scoring: {
          updates: UPDATES,
          events: input.events.length,
          contentEvents: content,
          ...shape,
          machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg1m: +loadavg()[0]!.toFixed(2) },
          inProcess: {
            computeProfile: profileMs,
            permutationBaseline: { iterations: baseline.iterations, ...baselineMs },
            profileReadAfreshFromHistory: afresh,
            live
          },
          server: {
            metricsFirstRead: { ms: firstMs, note: 'reads the derived history once into the metrics log' },
            metricsLogHeapMb: logHeapMb,
            metrics: warm,
            metricsWithBaseline: withBaseline,
            metricsAtPastMoment: { at: pastAt, ...past },
            reportFirst,
            report,
            reportAfterChange,
            reportPictureAfterChange: summary(pictureAfterChange)
          },
          goalsMs: { metrics: 250, report: 1000 },
          sample: {
            balance: profile.balance,
            bridging: profile.bridging,
            uptake: profile.uptake,
            structure: profile.structure.score,
            baselineBridgingPercentile: baseline.bridging.percentile,
            servedAgrees: JSON.stringify((served.metrics as { structure: unknown }).structure) === JSON.stringify(finalProfile.structure)
          }
        }
      },
      null,
      2
    )
  )
  await rm(dataDir, { recursive: true, force: true })
}

await main()
