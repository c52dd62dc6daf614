import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import { readConfig } from '../../server/config'
import { readEvents, seekMap } from '../../server/history/history-reader'
import { HistoryService } from '../../server/history/history-service'
import { createLogger } from '../../server/log'
import { roomLimits } from '../../server/start-server'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import type { Store } from '../../server/store/store'
import { boardPolicy } from '../../server/boards/board-policy'
import { RoomRegistry } from '../../server/sync/room-registry'
import { prng } from '../support/prng'
import { systemClock } from '../../server/clock'

const log = createLogger('silent')
const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

/** A registry with a history service on a temp store, and a clock the test moves. */
async function setup(dataDir?: string, keyframeMinChanges = 4) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cg-hist-')))
  if (!dataDir) dirs.push(dir)
  const store: Store = await openEmbeddedStore({ dataDir: dir, fsyncIntervalMs: 5, log })
  const clock = { t: 1_000_000 }
  const history = new HistoryService({ store: store.history, log, keyframeMinChanges })
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    // The time the test sets (it also goes back); the idle unload, never reached here, waits on real timers.
    clock: { ...systemClock, now: () => clock.t },
    limits: roomLimits(readConfig({})),
    checkpointEvery: 7,
    idleUnloadMs: 60_000,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy,
    onLoaded: history.attach
  })
  history.bind(registry)
  return {
    dir,
    store,
    clock,
    history,
    registry,
    async close() {
      await registry.shutdown()
      await store.close()
    }
  }
}

type Setup = Awaited<ReturnType<typeof setup>>

/** Random edits as server changes, one per ms; returns the map after each, by time. */
async function randomEdits(s: Setup, boardId: string, steps: number, seed: number): Promise<Array<{ at: number; map: BoardMap }>> {
  const room = await s.registry.room(boardId)
  const rand = prng(seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!
  const moments: Array<{ at: number; map: BoardMap }> = []
  for (let i = 0; i < steps; i++) {
    s.clock.t += 1 + Math.floor(rand() * 3)
    room.applyServerChange((doc) => {
      const concepts = doc.getMap<Y.Map<unknown>>('concepts')
      const links = doc.getMap<Y.Map<unknown>>('links')
      const ids = [...concepts.keys()]
      const r = rand()
      if (r < 0.3 || ids.length < 2) {
        const c = new Y.Map<unknown>()
        c.set('label', `c${i}`)
        c.set('x', i)
        c.set('y', 100 - i)
        concepts.set(`k${Math.floor(rand() * 12)}`, c)
      } else if (r < 0.45) {
        const l = new Y.Map<unknown>()
        l.set('from', pick(ids))
        l.set('to', pick(ids))
        l.set('label', `l${i}`)
        links.set(`L${Math.floor(rand() * 6)}`, l)
      } else if (r < 0.6) concepts.get(pick(ids))!.set('label', `relabel ${i}`)
      else if (r < 0.75) concepts.get(pick(ids))!.set('x', i * 2)
      else if (r < 0.8) concepts.get(pick(ids))!.set('color', '#123456')
      else if (r < 0.88) concepts.delete(pick(ids))
      else if (r < 0.93 && links.size > 0) links.delete(pick([...links.keys()]))
      else if (r < 0.96) doc.getMap('meta').set('title', `Title ${i}`)
      else {
        // Two transactions in one server change, and a label held in a Y.Text.
        const id = pick(ids)
        doc.transact(() => concepts.get(id)!.set('y', 5))
        doc.transact(() => concepts.get(id)!.set('label', new Y.Text('rich')))
      }
    }, i % 2 === 0 ? 'p-brand' : 'p-customer')
    moments.push({ at: s.clock.t, map: readBoardMap(room.doc) })
  }
  return moments
}

describe('derived history', () => {
  it('seeks every moment of a board to exactly the map the document had, across keyframes', async () => {
    const s = await setup()
    const boardId = 'seek'
    const moments = await randomEdits(s, boardId, 300, 7)
    const { recorder } = await s.history.board(boardId)
    const { store, position } = await recorder.settled()
    // Entry 1 is the schema stamp the room writes when it loads a new document.
    expect(position.lastSeq).toBe(301)
    expect((await store.keyframes()).length).toBeGreaterThan(5)
    for (const { at, map } of moments) expect((await seekMap(store, at)).map).toEqual(map)
    expect((await seekMap(store, 0)).map).toEqual({ title: '', focusQuestion: '', concepts: [], links: [] })
    await s.close()
  })

  it('numbers events 1, 2, 3 and pages through them from any point', async () => {
    const s = await setup()
    await randomEdits(s, 'events', 120, 3)
    const { store, position } = await (await s.history.board('events')).recorder.settled()
    const all = await readEvents(store, { afterEvent: 0, limit: 100_000 })
    expect(all.map((e) => e.number)).toEqual(all.map((_, i) => i + 1))
    expect(all.length).toBe(position.eventCount)
    for (const after of [0, 1, 17, 50, all.length - 3]) {
      const page = await readEvents(store, { afterEvent: after, limit: 5 })
      expect(page).toEqual(all.slice(after, after + 5))
    }
    const from = all[20]!.at
    const to = all[40]!.at
    expect(await readEvents(store, { afterEvent: 0, limit: 1000, from, to })).toEqual(all.filter((e) => e.at >= from && e.at <= to))
    await s.close()
  })

  it('derives again from the journal what a crash lost, and the same as it derived live', async () => {
    const s = await setup()
    await randomEdits(s, 'crash', 80, 11)
    const live = await readEvents((await (await s.history.board('crash')).recorder.settled()).store, { afterEvent: 0, limit: 100_000 })
    const liveMap = (await s.history.mapAt('crash', 1_000_000 + 100)).map
    await s.close()
    // As after a kill -9 between the journal append and the derived append: records lost, one torn.
    const records = join(s.dir, 'boards', 'crash', 'history', 'records.jsonl')
    const text = await readFile(records, 'utf8')
    const lines = text.split('\n')
    await writeFile(records, `${lines.slice(0, 50).join('\n')}\n${lines[50]!.slice(0, 10)}`)
    const again = await setup(s.dir)
    const { store, position } = await (await again.history.board('crash')).recorder.settled()
    expect(position.lastSeq).toBe(81)
    expect(await readEvents(store, { afterEvent: 0, limit: 100_000 })).toEqual(live)
    expect((await again.history.mapAt('crash', 1_000_000 + 100)).map).toEqual(liveMap)
    await again.close()
    // With no derived history at all (a board older than it), everything is derived from the journal.
    await rm(join(s.dir, 'boards', 'crash', 'history'), { recursive: true })
    const third = await setup(s.dir)
    const rebuilt = await third.history.board('crash')
    expect(await readEvents((await rebuilt.recorder.settled()).store, { afterEvent: 0, limit: 100_000 })).toEqual(live)
    await third.close()
  })

  it('drops derived history that runs ahead of the journal and derives it again', async () => {
    const s = await setup()
    await randomEdits(s, 'ahead', 30, 5)
    const live = await readEvents((await (await s.history.board('ahead')).recorder.settled()).store, { afterEvent: 0, limit: 1000 })
    await s.close()
    // The journal loses its last record (a power loss tore it); the history still has it.
    const journal = join(s.dir, 'boards', 'ahead', 'journal.cgj')
    const bytes = await readFile(journal)
    await truncate(journal, bytes.length - 3)
    await rm(join(s.dir, 'boards', 'ahead', 'checkpoints'), { recursive: true })
    const again = await setup(s.dir)
    const { position, store } = await (await again.history.board('ahead')).recorder.settled()
    expect(position.lastSeq).toBe(30)
    const events = await readEvents(store, { afterEvent: 0, limit: 1000 })
    expect(events).toEqual(live.filter((e) => e.seq <= 30))
    await again.close()
  })
})
