import { CloseCode } from '../../shared/close-codes'
import type { UpdateRefusal } from '../../shared/sync/refusal-reasons'
import { withoutClients, writersOf, type ClientIdBindings, type UpdateWriters } from './client-id-bindings'
import type { JournalCommits } from './journal-commits'
import { encodePermissionDenied } from './protocol'
import type { RoomConnection } from './room-connection'
import type { RoomDocument } from './room-document'
import type { RoomOptions } from './room-options'
import { TokenBucket } from '../../shared/limits/token-bucket'
import type { SyncTelemetry } from './sync-telemetry'

/** A Yjs v1 update with no structs and no deletions is two zero bytes. */
const EMPTY_UPDATE_BYTES = 2

/** Whose update a journal entry holds, and whether its effect was removed again. */
export interface Sender {
  conn: RoomConnection
  refused: UpdateRefusal | null
}

/** What a room lends to the handling of its clients' updates. */
export interface ClientUpdateHost {
  document: RoomDocument
  commits: JournalCommits<Sender | null>
  /** Runs `task` after the room's earlier messages (one at a time per board). */
  enqueue(task: () => void | Promise<void>): void
  locked(): boolean
  telemetry(): SyncTelemetry
  /** Acknowledges an update of `conn` once it is handled (see RoomConnection.noteHandled). */
  handled(conn: RoomConnection): void
  /** Yjs threw midway through `conn`'s update: the document must be rebuilt. */
  unapplyable(conn: RoomConnection, error: unknown): void | Promise<void>
  /** Who each Yjs client id of the board belongs to. */
  bindings: ClientIdBindings
}

/**
 * How a client's sync update becomes a journal entry, or a refusal. A reader's update is dropped. A
 * writer's is applied and reviewed by the room's policy as Yjs integrates it; a refused one stays
 * integrated with its effect removed in the same entry (see RoomDocument.applyClientUpdate), which is
 * journaled and relayed like any other, to its author too, and then its author is told why.
 */
export class ClientUpdates {
  /** Update bytes per participant, all its connections together (a quota no reconnect refills). */
  private readonly quotas = new Map<string, TokenBucket>()

  constructor(
    private readonly options: Pick<RoomOptions, 'policy' | 'limits' | 'now'>,
    private readonly host: ClientUpdateHost
  ) {}

  /**
   * An update as it arrives, before it waits for its turn. `incremental`: one transaction of the
   * client's (a sync update), whose bytes may be journaled as they are (RoomDocument.applyClientUpdate).
   */
  receive(conn: RoomConnection, update: Uint8Array, incremental = false): void {
    const now = this.options.now()
    // A flood is cut before it costs anything; 1013 tells the client to come back later.
    if (!conn.allowUpdate(update.length, now)) {
      this.host.telemetry().updateRefused('rate-limit')
      return conn.close(CloseCode.tryAgainLater, 'update rate limit exceeded')
    }
    if (update.length > EMPTY_UPDATE_BYTES && !this.quotaOf(conn).take(update.length, now)) {
      this.host.telemetry().updateRefused('quota')
      return conn.close(CloseCode.tryAgainLater, 'participant byte quota exceeded')
    }
    const receivedAt = performance.now()
    this.host.enqueue(() => this.accept(conn, update, receivedAt, incremental))
  }

  private quotaOf(conn: RoomConnection): TokenBucket {
    const id = conn.participant.id
    let quota = this.quotas.get(id)
    if (!quota) {
      const { participantBytesBurst, participantBytesPerSecond } = this.options.limits
      quota = new TokenBucket(participantBytesBurst, participantBytesPerSecond, this.options.now())
      this.quotas.set(id, quota)
    }
    return quota
  }

  private accept(conn: RoomConnection, update: Uint8Array, receivedAt: number, incremental: boolean): void | Promise<void> {
    if (!conn.open) return
    const { policy } = this.options
    const { telemetry } = this.host
    if (policy.isReadonly(conn.participant)) {
      // The empty update of a reader's first sync step 2 (every viewer sends one) is no refusal.
      if (update.length <= EMPTY_UPDATE_BYTES) return
      telemetry().updateRefused('read-only')
      return conn.send(encodePermissionDenied('read-only'))
    }
    // Read before anything is applied: how much it writes, and under whose client ids.
    let writers: UpdateWriters
    try {
      writers = writersOf(update)
    } catch {
      telemetry().updateRefused('malformed')
      return conn.close(CloseCode.malformed, 'update cannot be decoded')
    }
    if (writers.units > this.options.limits.maxUpdateStructs) {
      telemetry().updateRefused('too-many-structs')
      return conn.close(CloseCode.updateTooLarge, `update over ${this.options.limits.maxUpdateStructs} structs`)
    }
    const doc = this.host.document.doc
    const foreign = this.host.bindings.foreign(conn.participant.id, writers.clients, (client) => doc.store.clients.has(client))
    const own = incremental ? writers : null
    if (Array.isArray(foreign)) return this.acceptWritten(conn, update, receivedAt, foreign, own)
    return foreign.then((ids) => this.acceptWritten(conn, update, receivedAt, ids, own))
  }

  /**
   * `foreign`: the client ids of the update that belong to another participant. `own`: the clocks
   * an incremental update spans (null for a client's whole state), so that its own bytes may be
   * journaled and relayed when they are exactly what the document took in.
   */
  private acceptWritten(conn: RoomConnection, update: Uint8Array, receivedAt: number, foreign: number[], own: UpdateWriters | null): void | Promise<void> {
    if (!conn.open) return
    const { policy } = this.options
    const { telemetry } = this.host
    if (foreign.length > 0) {
      // Those structs are dropped outright, never applied: their clocks are their owner's (contract,
      // "Refused updates"). The rest is kept and the connection stays: a stock client forwards every
      // struct the server lacks, others' included, and closing it would strand its own later work on
      // each reconnect (seen when a restart left writers holding each other's unsaved edits).
      telemetry().updateRefused('client-id')
      conn.send(encodePermissionDenied('client-id'))
      update = withoutClients(update, foreign)
      // Its clocks are no longer the ones read: the document's own encoding is journaled.
      own = null
    }
    const writer = { participant: conn.participant, locked: this.host.locked() }
    const maxPending = this.options.limits.maxPendingUpdateBytes
    const applied = this.host.document.applyClientUpdate(update, conn, maxPending, (tr) => policy.review(tr, writer), own)
    if (applied.outcome !== 'applied') {
      telemetry().updateRefused('malformed')
      if (applied.outcome === 'undecodable') return conn.close(CloseCode.malformed, 'update cannot be decoded')
      // The room waits for the rebuild: nothing is handled against the half-applied document.
      return this.host.unapplyable(conn, applied.error)
    }
    // Updates whose dependencies never arrive wait in memory: bounded, and their sender is cut off.
    if (applied.pendingDropped) conn.close(CloseCode.malformed, 'too many updates with missing dependencies')
    const { effective, refused } = applied
    if (refused) telemetry().updateRefused(refused)
    const { commits } = this.host
    if (!effective) {
      if (refused) conn.send(encodePermissionDenied(refused))
      // Acknowledged in order: after the updates of this connection still being committed.
      return void commits.afterSettled(() => this.host.handled(conn))
    }
    commits.append({ at: this.options.now(), participantId: conn.participant.id, update: effective }, { conn, refused }, receivedAt)
  }

  /** A client's entry was committed and relayed (`receivedAt`: when its update arrived). */
  relayed(sender: Sender, receivedAt: number): void {
    // Told once its document holds the revert: what it shows then is what the board kept.
    if (sender.refused) return sender.conn.send(encodePermissionDenied(sender.refused))
    const telemetry = this.host.telemetry()
    telemetry.updateAccepted()
    telemetry.relayed((performance.now() - receivedAt) / 1000)
  }
}
