import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '../../shared/sync/message-types'
import { BoardEventKind, type BringEveryone, type LiveBoardState } from '../../shared/sync/board-events'

const SyncStep = { one: 0, two: 1, update: 2 } as const

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  /** `incremental`: a client's own transaction (sync update), not its whole state (sync step 2: every deletion it knows). */
  | { kind: 'sync-update'; update: Uint8Array; incremental: boolean }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'journal-ack-opt-in' }
  | { kind: 'board-events-opt-in' }

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError'
}

/** Decodes one frame, which must hold exactly one message and nothing after it. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data)
  let message: ClientMessage
  try {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === SyncStep.one) message = { kind: 'sync-step-1', stateVector: payload }
        else if (step === SyncStep.two || step === SyncStep.update) message = { kind: 'sync-update', update: payload, incremental: step === SyncStep.update }
        else throw new MalformedMessageError(`unknown sync step ${step}`)
        break
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
        break
      case MessageType.queryAwareness:
        message = { kind: 'query-awareness' }
        break
      case MessageType.journalAck:
        message = { kind: 'journal-ack-opt-in' }
        break
      case MessageType.boardEvents:
        message = { kind: 'board-events-opt-in' }
        break
      default:
        throw new MalformedMessageError(`unknown message type ${type}`)
    }
  } catch (e) {
    if (e instanceof MalformedMessageError) throw e
    throw new MalformedMessageError(`undecodable message: ${(e as Error).message}`)
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message')
  return message
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/**
 * A sync message: [0][step][varuint length][payload], written into one buffer of its exact size.
 * Every relayed update goes through here, so it skips lib0's growable encoder and its final copy.
 */
function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const length = payload.length
  let lengthBytes = 1
  for (let n = length; n > 0x7f; n = Math.floor(n / 128)) lengthBytes++
  const out = new Uint8Array(2 + lengthBytes + length)
  out[0] = MessageType.sync
  out[1] = step
  let o = 2
  let n = length
  // lib0's varuint: seven bits per byte, least significant first, the high bit set on all but the last.
  while (n > 0x7f) {
    out[o++] = 0x80 | (n & 0x7f)
    n = Math.floor(n / 128)
  }
  out[o++] = n
  out.set(payload, o)
  return out
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SyncStep.one, stateVector)

export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SyncStep.two, update)

export const encodeUpdate = (update: Uint8Array) => encodeSync(SyncStep.update, update)

export const encodeAwareness = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })

/** y-protocols' auth message: permission denied (0) with a reason. */
export const encodePermissionDenied = (reason: string) =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.auth)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, reason)
  })

export const encodeJournalAck = (count: number) =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.journalAck)
    encoding.writeVarUint(e, count)
  })

const encodeBoardEvent = (kind: number, text: string) =>
  encode((e) => {
    encoding.writeVarUint(e, MessageType.boardEvents)
    encoding.writeVarUint(e, kind)
    encoding.writeVarString(e, text)
  })

export const encodeSessionEnded = (sessionId: string) => encodeBoardEvent(BoardEventKind.sessionEnded, sessionId)

export const encodeBoardState = (state: LiveBoardState) => encodeBoardEvent(BoardEventKind.state, JSON.stringify(state))

export const encodeBringEveryone = (message: BringEveryone) => encodeBoardEvent(BoardEventKind.bringEveryone, JSON.stringify(message))

/** An update with no structs and no deletions: applying it changes nothing. */
const EMPTY_UPDATE = new Uint8Array([0, 0])
/** Sent on quiet connections: stock clients drop a socket that hears nothing for 30 s. */
export const KEEPALIVE_MESSAGE = encodeUpdate(EMPTY_UPDATE)
