import * as encoding from 'lib0/encoding'

/** The client id the crafted update claims; no honest document ever holds it. */
export const ATTACKER_CLIENT = 987_654_321

/**
 * An update `Y.decodeUpdate` accepts but `Y.applyUpdate` throws on midway, whatever the board holds
 * (found by the fuzz campaign, reduced by hand): its first struct, a string under a root of its own, is
 * integrated; the second names as its left origin a clock of its own client that never exists, and
 * Yjs fails inside findIndexSS ("Cannot read properties of undefined (reading 'id')").
 */
export function unapplyableUpdate(client = ATTACKER_CLIENT): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // clients
  encoding.writeVarUint(e, 2) // structs of that client
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 0) // first clock
  encoding.writeUint8(e, 4 | 0x20) // a string with a parent key
  encoding.writeVarUint(e, 1) // parent named by a root key
  encoding.writeVarString(e, 'crafted')
  encoding.writeVarString(e, 'k')
  encoding.writeVarString(e, 'half')
  encoding.writeUint8(e, 4 | 0x80) // a string with a left origin
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 5) // a clock the update never holds
  encoding.writeVarString(e, 'boom')
  encoding.writeVarUint(e, 0) // no deletions
  return encoding.toUint8Array(e)
}

/** `update` as a y-websocket sync update message. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}
