import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType } from '../../shared/sync/message-types'
import { boardPolicy } from '../../server/boards/board-policy'
import { readConfig } from '../../server/config'
import { createLogger } from '../../server/log'
import { roomLimits } from '../../server/start-server'
import { BoardRoom } from '../../server/sync/board-room'
import type { RoomOptions } from '../../server/sync/room-options'
import type { Participant, SyncSocket } from '../../server/sync/sync-socket'
import type { MemoryJournalStore } from './memory-journal'

/** The SyncSocket port as a test sees it: what the room sent, and whether it closed the socket. */
export class FakeSocket implements SyncSocket {
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

/** A board room on an in-memory journal, with the server's limits and board policy (`options` overrides). */
export async function loadRoom(journals: MemoryJournalStore, options: Partial<RoomOptions> = {}): Promise<BoardRoom> {
  const boardId = options.boardId ?? 'b1'
  return BoardRoom.load({
    boardId,
    journal: await journals.open(boardId),
    log: createLogger('silent'),
    now: () => 1_000,
    limits: roomLimits(config),
    checkpointEvery: 1000,
    locked: false,
    policy: boardPolicy,
    ...options
  })
}

export const person = (id: string, role: Participant['role']): Participant => ({ id, role, name: id })

/** A client's edit: a concept (at `x`, `y`; without them the board's policy refuses it), as a y-websocket sync update message. */
export function conceptUpdate(id: string, label: string, at: { x: number; y: number } | null = { x: 10, y: 20 }): Uint8Array {
  const doc = new Y.Doc()
  const concept = new Y.Map<unknown>()
  doc.getMap('concepts').set(id, concept)
  concept.set('label', label)
  if (at) {
    concept.set('x', at.x)
    concept.set('y', at.y)
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(e)
}

/** Lets the room's serial queue run (a few turns of the event loop), then flushes the journal. */
export async function settle(r: BoardRoom, until: () => boolean = () => false): Promise<void> {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((resolve) => setImmediate(resolve))
  await r.journal.flush()
}
