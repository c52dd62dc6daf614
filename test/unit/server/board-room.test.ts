import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../../shared/sync/message-types'
import { readBoardMap } from '../../../shared/schema/board-doc'
import { boardPolicy } from '../../../server/boards/board-policy'
import { readConfig } from '../../../server/config'
import { createLogger } from '../../../server/log'
import { roomLimits } from '../../../server/start-server'
import { BoardRoom } from '../../../server/sync/board-room'
import type { Participant, SyncSocket } from '../../../server/sync/sync-socket'
import { MemoryJournalStore } from '../../support/memory-journal'

/** The SyncSocket port as a test sees it: what the room sent, and whether it closed the socket. */
class FakeSocket implements SyncSocket {
  readonly sent: Uint8Array[] = []
  closedWith: { code: number; reason: string } | null = null
  bufferedAmount = 0
  send(message: Uint8Array): void {
    this.sent.push(message)
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason }
  }
  /** The sync updates (step 2 or update) the room sent, applied to a fresh document. */
  docFromSyncMessages(): Y.Doc {
    const doc = new Y.Doc()
    for (const m of this.sent) {
      const d = decoding.createDecoder(m)
      if (decoding.readVarUint(d) !== MessageType.sync) continue
      syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server')
    }
    return doc
  }
}

const config = readConfig({ ADMIN_TOKEN: 'a-test-admin-token-long-enough' })
const rooms: BoardRoom[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.close()
})

async function room(journals = new MemoryJournalStore()) {
  const r = await BoardRoom.load({
    boardId: 'b1',
    journal: await journals.open('b1'),
    log: createLogger('silent'),
    now: () => 1_000,
    limits: roomLimits(config),
    checkpointEvery: 1000,
    locked: false,
    policy: boardPolicy
  })
  rooms.push(r)
  return { r, journals }
}

const person = (id: string, role: Participant['role']): Participant => ({ id, role, name: id })

/** A client's edit: a concept, as a y-websocket sync update message. */
function conceptUpdate(id: string, label: string): Uint8Array {
  const doc = new Y.Doc()
  const concept = new Y.Map<unknown>()
  doc.getMap('concepts').set(id, concept)
  concept.set('label', label)
  concept.set('x', 10)
  concept.set('y', 20)
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(e)
}

/** Lets the room's serial queue run (a few turns of the event loop), then flushes the journal. */
const settle = async (r: BoardRoom, until: () => boolean = () => false) => {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((resolve) => setImmediate(resolve))
  await r.journal.flush()
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
