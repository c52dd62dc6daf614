import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { readBoardMap } from '../../../shared/schema/board-doc'
import { MessageType } from '../../../shared/sync/message-types'
import type { BoardRoom } from '../../../server/sync/board-room'
import type { JournalEntry } from '../../../server/sync/journal-port'
import { MemoryJournalStore } from '../../support/memory-journal'
import { FakeSocket, loadRoom, person, settle } from '../../support/room-harness'
import { int, pick, prng } from '../../support/prng'

const rooms: BoardRoom[] = []
afterEach(async () => {
  for (const r of rooms.splice(0)) await r.close()
})

const STEP_TWO = 1
const STEP_UPDATE = 2
const syncMessage = (step: number, update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  encoding.writeVarUint(e, step)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
/** The update a relayed sync message carries (null for any other message). */
function relayedUpdate(message: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(message)
  if (decoding.readVarUint(d) !== MessageType.sync) return null
  if (decoding.readVarUint(d) !== STEP_UPDATE) return null
  return decoding.readVarUint8Array(d)
}
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

/** A socket that, as each relayed update arrives, finds it in the journal already: journaled before relayed. */
class JournalCheckingSocket extends FakeSocket {
  relayedBeforeJournaled = 0
  constructor(private readonly entries: () => readonly JournalEntry[]) {
    super()
  }
  override send(message: Uint8Array): void {
    super.send(message)
    const update = relayedUpdate(message)
    if (update !== null && !this.entries().some((e) => same(e.update, update))) this.relayedBeforeJournaled++
  }
}

interface Writer {
  doc: Y.Doc
  socket: JournalCheckingSocket
  conn: ReturnType<BoardRoom['join']>
  /** Relayed messages applied so far. */
  heard: number
  held: Uint8Array[]
}

/**
 * Four writers edit one board at random: concepts (some without a position: refused), relabels,
 * moves and deletes of anyone's concepts, links; their updates are sent as they are, held back and
 * sent late (they wait for missing structs), sent twice, or sent as a sync step 2 of their whole
 * state. The journal must then replay to the live document, whatever path each update took.
 */
async function session(seed: number) {
  const boards = new Map()
  const r = await loadRoom(new MemoryJournalStore(boards))
  rooms.push(r)
  const entries = () => (boards.get('b1')?.entries ?? []) as JournalEntry[]
  const random = prng(seed)
  const writers: Writer[] = []
  for (let i = 0; i < 4; i++) {
    const socket = new JournalCheckingSocket(entries)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(r.doc), 'server')
    writers.push({ doc, socket, conn: r.join(socket, person(`p${i}`, i % 2 === 0 ? 'brand' : 'customer')), heard: 0, held: [] })
  }
  const sent: Uint8Array[] = []
  const refusedIds = new Set<string>()
  for (let step = 0; step < 160; step++) {
    const w = pick(random, writers)
    const concepts = w.doc.getMap<Y.Map<unknown>>('concepts')
    const ids = [...concepts.keys()]
    let update: Uint8Array | null = null
    const listen = (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') update = update === null ? u : Y.mergeUpdates([update, u])
    }
    w.doc.on('update', listen)
    const r2 = random()
    w.doc.transact(() => {
      if (ids.length < 3 || r2 < 0.3) {
        const id = `c${seed}-${step}`
        const c = new Y.Map<unknown>()
        concepts.set(id, c)
        c.set('label', `idea ${step}`)
        if (random() < 0.9) {
          c.set('x', int(random, 0, 500))
          c.set('y', int(random, 0, 500))
        } else refusedIds.add(id)
      } else if (r2 < 0.55) concepts.get(pick(random, ids))?.set('label', `relabelled ${step}`)
      else if (r2 < 0.7) concepts.get(pick(random, ids))?.set('x', int(random, 0, 500))
      else if (r2 < 0.8) concepts.delete(pick(random, ids))
      else {
        const l = new Y.Map<unknown>()
        w.doc.getMap('links').set(`l${seed}-${step}`, l)
        l.set('from', pick(random, ids))
        l.set('to', pick(random, ids))
        l.set('label', 'leads to')
      }
    })
    w.doc.off('update', listen)
    if (update === null) continue
    const how = random()
    if (how < 0.12) w.held.push(update)
    else if (how < 0.22) {
      r.receive(w.conn, syncMessage(STEP_UPDATE, update))
      r.receive(w.conn, syncMessage(STEP_UPDATE, update))
    } else if (how < 0.3) r.receive(w.conn, syncMessage(STEP_TWO, Y.encodeStateAsUpdate(w.doc, Y.encodeStateVector(r.doc))))
    else r.receive(w.conn, syncMessage(STEP_UPDATE, update))
    sent.push(update)
    // Held updates go out late, after ones that depend on them.
    if (w.held.length > 0 && random() < 0.3) for (const u of w.held.splice(0)) r.receive(w.conn, syncMessage(STEP_UPDATE, u))
    if (random() < 0.5) {
      await settle(r)
      for (const x of writers) {
        for (; x.heard < x.socket.sent.length; x.heard++) {
          const d = decoding.createDecoder(x.socket.sent[x.heard] as Uint8Array)
          if (decoding.readVarUint(d) === MessageType.sync) syncProtocol.readSyncMessage(d, encoding.createEncoder(), x.doc, 'server')
        }
      }
    }
  }
  for (const w of writers) for (const u of w.held.splice(0)) r.receive(w.conn, syncMessage(STEP_UPDATE, u))
  await settle(r)
  return { r, entries: entries(), writers, sent, refusedIds }
}

describe("a client's own bytes journaled in place of the document's encoding", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`replaying the journal gives the live document, journaled before relayed (seed ${seed})`, async () => {
      const { r, entries, writers, sent, refusedIds } = await session(seed)
      const replayed = new Y.Doc()
      for (const e of entries) Y.applyUpdate(replayed, e.update)
      expect(Y.encodeStateVector(replayed)).toEqual(Y.encodeStateVector(r.doc))
      expect(readBoardMap(replayed)).toEqual(readBoardMap(r.doc))
      expect(Y.equalDeleteSets(Y.createDeleteSetFromStructStore(replayed.store), Y.createDeleteSetFromStructStore(r.doc.store))).toBe(true)
      for (const w of writers) expect(w.socket.relayedBeforeJournaled).toBe(0)
      // Refused concepts reach neither the board nor anyone's copy.
      const onBoard = new Set(readBoardMap(r.doc).concepts.map((c) => c.id))
      for (const id of refusedIds) expect(onBoard.has(id)).toBe(false)
      // The own bytes were used (most updates), and never for one that was refused.
      const own = entries.filter((e) => sent.some((u) => same(u, e.update)))
      expect(own.length).toBeGreaterThan(entries.length / 3)
      for (const e of own) {
        const probe = new Y.Doc()
        Y.applyUpdate(probe, e.update)
        for (const id of probe.getMap('concepts').keys()) expect(refusedIds.has(id)).toBe(false)
      }
    })
  }
})
