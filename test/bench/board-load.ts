/**
 * How fast a long-lived board loads: 100,000 journaled updates (moves and relabels of 1,000
 * concepts, as a workshop makes them), written through the real room so checkpoints fall where they
 * would in production, then loaded again from disk several times. Run: `npm run bench:load`.
 */
import { mkdtemp, rm, stat, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readConfig } from '../../server/config'
import { createLogger } from '../../server/log'
import { roomLimits } from '../../server/start-server'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { boardPolicy } from '../../server/boards/board-policy'
import { BoardRoom } from '../../server/sync/board-room'
import { applyWorkshopEdits } from './workshop-edits'

const UPDATES = Number(process.env.LOAD_UPDATES ?? 100_000)
const CONCEPTS = 1000
const log = createLogger('silent')
const limits = roomLimits(readConfig({}))

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-load-'))
  const store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 50, log })
  const options = async () => ({
    boardId: 'big',
    journal: await store.journals.open('big'),
    log,
    now: () => Date.now(),
    limits,
    checkpointEvery: 1000,
    locked: false,
    policy: boardPolicy
  })
  let room = await BoardRoom.load(await options())
  const t0 = performance.now()
  await applyWorkshopEdits(room, UPDATES, (i) => (i % 5000 === 0 ? new Promise<void>((r) => setImmediate(r)) : undefined), CONCEPTS)
  const writeMs = performance.now() - t0
  await room.close()
  const journalBytes = (await stat(join(dataDir, 'boards', 'big', 'journal.cgj'))).size
  const checkpoints = (await readdir(join(dataDir, 'boards', 'big', 'checkpoints'))).length
  const times: number[] = []
  for (let run = 0; run < 7; run++) {
    const start = performance.now()
    room = await BoardRoom.load(await options())
    times.push(performance.now() - start)
    if (room.seq !== UPDATES + 1) throw new Error(`loaded seq ${room.seq}, expected ${UPDATES + 1}`)
    await room.close()
  }
  times.sort((a, b) => a - b)
  console.log(
    JSON.stringify(
      {
        updates: UPDATES,
        journalMiB: +(journalBytes / 2 ** 20).toFixed(1),
        checkpoints,
        appendAndRelayMsPerUpdate: +(writeMs / UPDATES).toFixed(4),
        loadMs: { min: +times[0]!.toFixed(1), median: +times[3]!.toFixed(1), max: +times[6]!.toFixed(1) }
      },
      null,
      2
    )
  )
  await store.close()
  if (!process.env.KEEP) await rm(dataDir, { recursive: true, force: true })
  else console.log(dataDir)
}

await main()
