import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MalformedMessageError } from './protocol'

export interface AwarenessLimits {
  /** Longest JSON state (in characters) one client may publish. */
  maxStateLength: number
  /** Most client states one message may carry. */
  maxEntries: number
}

/** One client's state in an awareness update: `state` is its JSON text, `null` a removal. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

/**
 * Reads an awareness update into its entries, refusing (MalformedMessageError) one over the limits,
 * with a state that is not JSON, or with bytes left over. Nothing is decided here about who may write
 * which entry: see RoomPresence.
 */
export function decodeAwarenessUpdate(update: Uint8Array, limits: AwarenessLimits): AwarenessEntry[] {
  const entries: AwarenessEntry[] = []
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
      entries.push({ clientId, clock, state })
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update')
  } catch (e) {
    if (e instanceof MalformedMessageError) throw e
    throw new MalformedMessageError(`undecodable awareness update: ${(e as Error).message}`)
  }
  return entries
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.state)
  }
  return encoding.toUint8Array(encoder)
}
