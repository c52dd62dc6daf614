import { afterEach, describe, expect, it } from 'vitest'
import type { AcceptedChanges } from '../../../server/history/accepted-changes'
import { AcceptedFeed } from '../../../server/history/accepted-feed'
import type { BoardRoom } from '../../../server/sync/board-room'
import { waitFor } from '../../support/clients'
import { MemoryJournalStore } from '../../support/memory-journal'
import { FakeSocket, conceptUpdate, loadRoom, person } from '../../support/room-harness'

const rooms: BoardRoom[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.close()
})

/** A loaded room whose accepted entries are derived (as the history recorder does), and what each changed. */
async function derivedRoom(journals: MemoryJournalStore) {
  const r = await loadRoom(journals)
  rooms.push(r)
  const derived: Array<{ seq: number; participantId: string; created: string[]; changed: string[] }> = []
  const record = (seq: number, participantId: string, changes: AcceptedChanges) =>
    derived.push({
      seq,
      participantId,
      created: changes.events.filter((e) => e.kind === 'create').map((e) => e.elementId),
      changed: changes.changes.map((c) => (c.type === 'meta' ? c.key : c.id))
    })
  new AcceptedFeed(r, (err) => {
    throw err
  }).listen((entry, changes) => record(entry.seq, entry.participantId, changes))
  return { r, derived, base: r.seq }
}

describe('derived changes of a room alone on its board, through its accepted-entries port', () => {
  for (const [journal, journals] of [
    ['a journal that appends at once (embedded)', () => new MemoryJournalStore()],
    ['a journal that commits later (PostgreSQL): the next update is applied while one commits', () => new MemoryJournalStore(new Map(), true)]
  ] as const) {
    it(`gives each entry its own changes, with ${journal}`, async () => {
      const { r, derived, base } = await derivedRoom(journals())
      const w = r.join(new FakeSocket(), person('brand-1', 'brand'))
      const c = r.join(new FakeSocket(), person('customer-1', 'customer'))
      // Sent back to back: with a later commit, all three are applied before the first is journaled.
      r.receive(w, conceptUpdate('c1', 'Fair prices'))
      // Refused by the board's policy (no position): journaled with its revert, it changed nothing.
      r.receive(c, conceptUpdate('c2', 'Unplaced', null))
      r.receive(c, conceptUpdate('c3', 'Local sourcing'))
      await waitFor(() => derived.length === 3, 5000, 'three derived entries')
      expect(derived).toEqual([
        { seq: base + 1, participantId: 'brand-1', created: ['c1'], changed: ['c1'] },
        { seq: base + 2, participantId: 'customer-1', created: [], changed: [] },
        { seq: base + 3, participantId: 'customer-1', created: ['c3'], changed: ['c3'] }
      ])
    })
  }

  it('derives a server change, made between client updates, as its own entry', async () => {
    const { r, derived, base } = await derivedRoom(new MemoryJournalStore(new Map(), true))
    const w = r.join(new FakeSocket(), person('brand-1', 'brand'))
    r.receive(w, conceptUpdate('c1', 'Fair prices'))
    r.applyServerChange((doc) => doc.getMap('meta').set('title', 'Imported'))
    r.receive(w, conceptUpdate('c2', 'Local sourcing'))
    await waitFor(() => derived.length === 3, 5000, 'three derived entries')
    expect(derived).toEqual([
      { seq: base + 1, participantId: 'brand-1', created: ['c1'], changed: ['c1'] },
      { seq: base + 2, participantId: 'system', created: [], changed: ['title'] },
      { seq: base + 3, participantId: 'brand-1', created: ['c2'], changed: ['c2'] }
    ])
  })
})
