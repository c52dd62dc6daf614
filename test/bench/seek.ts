/**
 * How fast time travel is on a long-lived board: 100,000 journaled updates (moves and relabels of
 * 1,000 concepts, as in bench:load) written through the real room with derived history on, then,
 * after a reload, `mapAt` at random moments: p50/p99 over SEEKS seeks (the goal: under 200 ms).
 * Also times a few seeks the old way (Yjs checkpoint + journal) for comparison, and a full rebuild
 * of the derived history from the journal. Run: `npm run bench:seek`.
 */
import { cpus, loadavg, tmpdir } from 'node:os'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { boardDocAt } from '../../server/history/journal-map-at'
import { createLogger } from '../../server/log'
import { openHistoryBenchStore } from './history-bench-store'
import { applyWorkshopEdits } from './workshop-edits'

const UPDATES = Number(process.env.SEEK_UPDATES ?? 100_000)
const SEEKS = Number(process.env.SEEKS ?? 300)
const CONCEPTS = 1000
const log = createLogger('silent')

const open = (dataDir: string) => openHistoryBenchStore(dataDir, log)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const round = (n: number) => +n.toFixed(2)
const du = async (dir: string): Promise<number> => {
  let total = 0
  for (const e of await readdir(dir, { withFileTypes: true })) {
    total += e.isDirectory() ? await du(join(dir, e.name)) : (await stat(join(dir, e.name))).size
  }
  return total
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-seek-'))
  let s = await open(dataDir)
  let room = await s.registry.room('big')
  const t0 = performance.now()
  // Spread arrival times over a few ms per batch so moments are distinct, as in a real session.
  await applyWorkshopEdits(room, UPDATES, (i) => (i % 500 === 0 ? new Promise<void>((r) => setTimeout(r, 2)) : undefined), CONCEPTS)
  const writeMs = performance.now() - t0
  const { recorder } = await s.history.board('big')
  await recorder.settled()
  const first = (await room.journal.read(0, 1))[0]!.at
  const last = room.lastAt
  await s.close()
  const historyBytes = await du(join(dataDir, 'boards', 'big', 'history'))
  const keyframes = (await readdir(join(dataDir, 'boards', 'big', 'history', 'keyframes'))).length

  s = await open(dataDir)
  room = await s.registry.room('big')
  await (await s.history.board('big')).recorder.settled()
  let seed = 12345
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
  const moments = Array.from({ length: SEEKS }, () => Math.floor(first + random() * (last - first)))
  const times: number[] = []
  let concepts = 0
  for (const at of moments) {
    const start = performance.now()
    const { map } = await s.history.mapAt('big', at)
    times.push(performance.now() - start)
    concepts = Math.max(concepts, map.concepts.length)
  }
  times.sort((a, b) => a - b)
  const yjs: number[] = []
  for (const at of moments.slice(0, 5)) {
    const start = performance.now()
    const doc = await boardDocAt(room.journal, at)
    doc.destroy()
    yjs.push(performance.now() - start)
  }
  yjs.sort((a, b) => a - b)
  await s.close()

  // A board older than derived history: everything derived again from the journal.
  await rm(join(dataDir, 'boards', 'big', 'history'), { recursive: true })
  s = await open(dataDir)
  const rebuildStart = performance.now()
  await (await s.history.board('big')).recorder.settled()
  const rebuildMs = performance.now() - rebuildStart
  await s.close()

  console.log(
    JSON.stringify(
      {
        updates: UPDATES,
        concepts: concepts,
        machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg1m: round(loadavg()[0]!) },
        appendAndRelayMsPerUpdate: +(writeMs / UPDATES).toFixed(4),
        derivedHistoryMiB: round(historyBytes / 2 ** 20),
        keyframes,
        seekMs: { seeks: SEEKS, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(times[times.length - 1]!) },
        yjsCheckpointSeekMs: { seeks: yjs.length, median: round(percentile(yjs, 50)), max: round(yjs[yjs.length - 1]!) },
        fullRebuildFromJournalMs: Math.round(rebuildMs)
      },
      null,
      2
    )
  )
  if (!process.env.KEEP) await rm(dataDir, { recursive: true, force: true })
  else console.log(dataDir)
}

await main()
