import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addConcept } from './clients'
import type { RawSocket } from './raw-socket'

/**
 * Messages a hostile participant crafts, shared by the integration tests of issue 19 and the
 * campaigns that keep those attacks fixed.
 */

/** An awareness message (type 1) holding these `[clientId, clock, state]` entries. */
export function awarenessMessage(entries: Array<[number, number, unknown]>): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(update, id)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const message = encoding.createEncoder()
  encoding.writeVarUint(message, 1)
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update))
  return encoding.toUint8Array(message)
}

/** An update under `victim`'s client id, continuing its clocks, adding concept `id`: what a squatter crafts. */
export function squatUpdate(victim: Y.Doc, label: string, id = 'forged'): Uint8Array {
  const forged = new Y.Doc()
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(victim))
  // After the update: a doc that hears structs under its own id takes a new one.
  forged.clientID = victim.clientID
  const before = Y.encodeStateVector(forged)
  addConcept(forged, id, label)
  return Y.encodeStateAsUpdate(forged, before)
}

/** The permission-denied reasons (message type 2) a raw socket received. */
export function deniedReasons(socket: RawSocket): string[] {
  const reasons: string[] = []
  for (const m of socket.messages) {
    const d = decoding.createDecoder(m)
    if (decoding.readVarUint(d) !== 2) continue
    decoding.readVarUint(d)
    reasons.push(decoding.readVarString(d))
  }
  return reasons
}
