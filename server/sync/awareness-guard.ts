import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MalformedMessageError } from './protocol'

export interface AwarenessLimits {
  /** Longest JSON state (in characters) one client may publish. */
  maxStateLength: number
  /** Most client states one message may carry. */
  maxEntries: number
}

interface Entry {
  clientId: number
  clock: number
  state: string
}

/**
 * Keeps a connection to its own awareness states. Stock clients echo the states they hear from
 * others, so entries for a client id owned by another connection are dropped silently, as are
 * removals of ids nobody owns; a connection claims an unowned id by publishing a state for it.
 * Returns the update to apply (re-encoded when something was dropped), or null when nothing is left.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  mayWrite: (clientId: number, isRemoval: boolean) => boolean,
  limits: AwarenessLimits
): Uint8Array | null {
  const entries: Entry[] = []
  let dropped = false
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (count > limits.maxEntries) throw new MalformedMessageError(`awareness update with ${count} states`)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      if (state.length > limits.maxStateLength) throw new MalformedMessageError('awareness state over the size limit')
      JSON.parse(state)
      if (mayWrite(clientId, state === 'null')) entries.push({ clientId, clock, state })
      else dropped = true
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update')
  } catch (e) {
    if (e instanceof MalformedMessageError) throw e
    throw new MalformedMessageError(`undecodable awareness update: ${(e as Error).message}`)
  }
  if (entries.length === 0) return null
  if (!dropped) return update
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.state)
  }
  return encoding.toUint8Array(encoder)
}
