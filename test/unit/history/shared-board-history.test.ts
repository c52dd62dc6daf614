import { afterEach, describe, expect, it } from 'vitest'
import { readBoardMap } from '../../../shared/schema/board-doc'
import { AcceptedFeed } from '../../../server/history/accepted-feed'
import type { BoardRoom } from '../../../server/sync/board-room'
import { waitFor } from '../../support/clients'
import { MemoryFanoutHub } from '../../support/memory-fanout'
import { MemoryJournalStore } from '../../support/memory-journal'
import { FakeSocket, conceptUpdate, loadRoom, person } from '../../support/room-harness'

const rooms: BoardRoom[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.close()
})

/** One board served by two instances in this process: one journal, an in-memory fan-out between them. */
async function twoInstances(journals: MemoryJournalStore) {
  const hub = new MemoryFanoutHub()
  const served = []
  for (let i = 0; i < 2; i++) {
    const r = await loadRoom(journals, { fanout: hub.instance() })
    rooms.push(r)
    const derived: Array<[number, string[]]> = []
    new AcceptedFeed(r, (err) => {
      throw err
    }).listen((entry, changes) => derived.push([entry.seq, changes.events.filter((e) => e.kind === 'create').map((e) => e.elementId)]))
    served.push({ r, derived })
  }
  return served
}

describe('a board shared by two instances, through the in-memory fan-out', () => {
  for (const [journal, journals] of [
    ['appends at once', () => new MemoryJournalStore()],
    ['commits later', () => new MemoryJournalStore(new Map(), true)]
  ] as const) {
    it(`converges, and both derive the same history in seq order (a journal that ${journal})`, async () => {
      const [one, two] = await twoInstances(journals())
      const base = one!.r.seq
      const w1 = one!.r.join(new FakeSocket(), person('brand-1', 'brand'))
      const w2 = two!.r.join(new FakeSocket(), person('customer-1', 'customer'))
      for (let i = 0; i < 5; i++) {
        one!.r.receive(w1, conceptUpdate(`a${i}`, `one ${i}`))
        two!.r.receive(w2, conceptUpdate(`b${i}`, `two ${i}`))
      }
      await waitFor(() => one!.r.seq === base + 10 && two!.r.seq === base + 10, 5000, 'both rooms at every entry')
      const labels = (r: BoardRoom) => readBoardMap(r.doc).concepts.map((c) => c.label).sort()
      expect(labels(one!.r)).toHaveLength(10)
      expect(labels(two!.r)).toEqual(labels(one!.r))
      // Each instance derives on its own copy fed in seq order: the same record for every seq.
      expect(one!.derived.map(([seq]) => seq)).toEqual(Array.from({ length: 10 }, (_, i) => base + 1 + i))
      expect(two!.derived).toEqual(one!.derived)
      expect(one!.derived.flatMap(([, created]) => created).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4'])
    })
  }
})
