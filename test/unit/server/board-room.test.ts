import { afterEach, describe, expect, it } from 'vitest'
import { readBoardMap } from '../../../shared/schema/board-doc'
import type { BoardRoom } from '../../../server/sync/board-room'
import { MemoryJournalStore } from '../../support/memory-journal'
import { FakeSocket, conceptUpdate, loadRoom, person, settle } from '../../support/room-harness'

const rooms: BoardRoom[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.close()
})

async function room(journals = new MemoryJournalStore()) {
  const r = await loadRoom(journals)
  rooms.push(r)
  return { r, journals }
}

describe('BoardRoom through a fake SyncSocket and the in-memory journal', () => {
  it("journals a writer's update and relays it to the other connection", async () => {
    const { r, journals } = await room()
    // Loading a new board journals its schema upgrade first (as the server).
    const base = r.seq
    const writer = new FakeSocket()
    const reader = new FakeSocket()
    const w = r.join(writer, person('brand-1', 'brand'))
    r.join(reader, person('customer-1', 'customer'))
    r.receive(w, conceptUpdate('c1', 'Fair prices'))
    await settle(r, () => r.seq > base)
    expect(r.seq).toBe(base + 1)
    expect(readBoardMap(r.doc).concepts.map((c) => c.label)).toEqual(['Fair prices'])
    expect(readBoardMap(reader.docFromSyncMessages()).concepts.map((c) => c.label)).toEqual(['Fair prices'])
    const stored = await (await journals.reopen().open('b1')).read(base, 10)
    expect(stored.map((e) => [e.seq, e.participantId])).toEqual([[base + 1, 'brand-1']])
    expect(writer.closedWith).toBeNull()
  })

  it("never applies, journals or relays a viewer's update", async () => {
    const { r } = await room()
    const base = r.seq
    const viewer = new FakeSocket()
    const other = new FakeSocket()
    const v = r.join(viewer, person('viewer-1', 'viewer'))
    const b = r.join(other, person('brand-1', 'brand'))
    r.receive(v, conceptUpdate('c1', 'Sneaky'))
    // A later writer's update, handled after the viewer's on the same queue: once it is in, so is any answer to the viewer.
    r.receive(b, conceptUpdate('c2', 'Honest'))
    await settle(r, () => r.seq > base)
    expect(r.seq).toBe(base + 1)
    expect(readBoardMap(r.doc).concepts.map((c) => c.label)).toEqual(['Honest'])
    expect(readBoardMap(viewer.docFromSyncMessages()).concepts.map((c) => c.label)).toEqual(['Honest'])
  })

  it('loads again from the journal what it accepted', async () => {
    const { r, journals } = await room()
    const base = r.seq
    const w = r.join(new FakeSocket(), person('brand-1', 'brand'))
    r.receive(w, conceptUpdate('c1', 'Kept'))
    await settle(r, () => r.seq > base)
    await r.close()
    rooms.splice(rooms.indexOf(r), 1)
    const { r: again } = await room(journals.reopen())
    expect(again.seq).toBe(base + 1)
    expect(readBoardMap(again.doc).concepts.map((c) => c.label)).toEqual(['Kept'])
  })
})
