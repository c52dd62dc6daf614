import { CloseCode } from '../../shared/close-codes'
import type { RoomLimits } from './room-options'
import * as Y from 'yjs'
import { encodeJournalAck, encodeSyncStep2 } from './protocol'
import { nameKey } from './presence-stamp'
import { TokenBucket } from '../../shared/limits/token-bucket'
import type { Participant, SyncSocket } from './sync-socket'

/** One socket's state inside a board room. */
export class RoomConnection {
  /** Awareness client ids this connection published; removed from everyone's view when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Sync update messages handled so far (the unit of the journal acknowledgement). */
  updatesHandled = 0
  /** When this connection was last sent anything, on the room's clock (the keepalive pokes the quiet ones). */
  lastSentAt: number
  open = true
  /** Opted in to session events (message 101): only our own clients ever do. */
  boardEvents = false
  private ackEnabled = false
  private ackSent = 0
  /** Update counts waiting for a journal seq to become durable, oldest first. */
  private ackWaiting: Array<{ count: number; seq: number }> = []

  private readonly maxBufferedBytes: number
  private readonly updates: TokenBucket
  private readonly updateBytes: TokenBucket
  private readonly presenceBytes: TokenBucket
  private readonly presenceStates: TokenBucket
  /** The participant's token name, folded (see nameKey); null when the token names nobody. */
  readonly nameKey: string | null

  constructor(
    readonly socket: SyncSocket,
    readonly participant: Participant,
    limits: RoomLimits,
    now: number,
    /** The room's clock: what a send is stamped with when its caller did not read it already. */
    private readonly clockNow: () => number = () => now
  ) {
    this.lastSentAt = now
    this.maxBufferedBytes = limits.maxBufferedBytes
    this.updates = new TokenBucket(limits.updateBurst, limits.updatesPerSecond, now)
    this.updateBytes = new TokenBucket(limits.updateBytesBurst, limits.updateBytesPerSecond, now)
    this.presenceBytes = new TokenBucket(limits.presence.bytesBurst, limits.presence.bytesPerSecond, now)
    this.presenceStates = new TokenBucket(limits.presence.statesBurst, limits.presence.statesPerSecond, now)
    this.nameKey = participant.name === null ? null : nameKey(participant.name)
  }

  /** An awareness message of `bytes` as it arrives (echoes of others' states count too). */
  allowPresence(bytes: number, now: number): boolean {
    return this.presenceBytes.take(bytes, now)
  }

  /** One more state of this connection's own, about to be relayed. */
  allowPresenceState(now: number): boolean {
    return this.presenceStates.take(1, now)
  }

  allowUpdate(bytes: number, now: number): boolean {
    return this.updates.take(1, now) && this.updateBytes.take(bytes, now)
  }

  /** `now` is the room clock's, read once by a caller that sends to many. */
  send(message: Uint8Array, now = this.clockNow()): void {
    if (!this.open) return
    // A reader that cannot keep up would make the server buffer without bound: cut it loose,
    // its client reconnects later and resyncs what it missed.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.tryAgainLater, 'too slow to keep up')
      return
    }
    this.lastSentAt = now
    this.socket.send(message)
  }

  /** Sends what `doc` holds beyond `stateVector` (sync step 2); a state vector that does not decode closes the connection. */
  answerSyncStep1(doc: Y.Doc, stateVector: Uint8Array): void {
    let diff: Uint8Array
    try {
      diff = Y.encodeStateAsUpdate(doc, stateVector)
    } catch {
      return this.close(CloseCode.malformed, 'invalid state vector')
    }
    this.send(encodeSyncStep2(diff))
  }

  close(code: number, reason: string): void {
    if (!this.open) return
    this.open = false
    this.socket.close(code, reason)
  }

  enableAcks(lastSeq: number, durableSeq: number): void {
    this.ackEnabled = true
    this.noteHandled(lastSeq, durableSeq, false)
  }

  /** Records that one more update message was handled, once `lastSeq` is durable. */
  noteHandled(lastSeq: number, durableSeq: number, counts = true): void {
    if (counts) this.updatesHandled++
    if (!this.ackEnabled) return
    if (lastSeq <= durableSeq) this.sendAck(this.updatesHandled)
    else this.ackWaiting.push({ count: this.updatesHandled, seq: lastSeq })
  }

  durable(seq: number): void {
    let count = -1
    while (this.ackWaiting.length > 0 && this.ackWaiting[0]!.seq <= seq) count = this.ackWaiting.shift()!.count
    if (count >= 0) this.sendAck(count)
  }

  private sendAck(count: number): void {
    if (count <= this.ackSent && count !== 0) return
    this.ackSent = count
    this.send(encodeJournalAck(count))
  }
}
