import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { canWrite } from '../../shared/roles'
import { migrateBoardDoc } from '../../shared/schema/migrations'
import type { BoardJournal, JournalEntry, LoadedJournal } from '../store/journal'
import type { AcceptedChanges } from './accepted-changes'
import { LOCAL_FANOUT, type BoardChannel } from './board-fanout'
import { loadedDocument, rebuildDocument } from './document-rebuild'
import { decodeClientMessage, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol'
import { RoomConnection } from './room-connection'
import { RoomConnections } from './room-connections'
import { RoomDocument } from './room-document'
import type { RoomOptions } from './room-options'
import { REMOTE, RoomPresence } from './room-presence'
import { SeqOrder } from './seq-order'
import { SeqOrderedChanges } from './seq-ordered-changes'
import { SerialQueue } from './serial-queue'
import { NO_SYNC_TELEMETRY, type SyncTelemetry } from './sync-telemetry'
import type { Participant, SyncSocket } from './sync-socket'

/** A Yjs v1 update with no structs and no deletions is two zero bytes. */
const EMPTY_UPDATE_BYTES = 2

/** The author recorded for changes the server makes itself (schema migrations, imports). */
export const SYSTEM_PARTICIPANT_ID = 'system'

/** Called after each journal append, with what the entry changed (events and plain map values). */
export type AcceptedListener = (entry: JournalEntry, changes: AcceptedChanges) => void

/**
 * One board's live state: its document, the sockets on it and their awareness. Every accepted update
 * is applied, appended to the journal and only then relayed; one message at a time per board.
 */
export class BoardRoom {
  readonly boardId: string
  locked: boolean
  /** Called when the last connection leaves. */
  onEmpty: () => void = () => {}
  /** Called once when the board can no longer be trusted in memory (a journal failure). */
  onBroken: (error: Error) => void = () => {}
  /** Called when a participant's update decoded but could not be applied (the room rebuilt its document). */
  onInvalidUpdate: (participant: Participant) => void = () => {}
  private readonly connections = new RoomConnections()
  private readonly document: RoomDocument
  private readonly presence: RoomPresence
  private readonly queue = new SerialQueue()
  private readonly acceptedListeners: AcceptedListener[] = []
  private readonly closeListeners: Array<() => void | Promise<void>> = []
  /** Set while the document is being rebuilt: the one in place then cannot be checkpointed. */
  private rebuilding = false
  private lastSeq: number
  private lastArrival: number
  private durableSeq: number
  private lastCheckpointSeq: number
  private checkpointing: Promise<void> | null = null
  private failure: Error | null = null
  /** Appends of an async journal (PostgreSQL) not yet committed, and the relay of the latest one. */
  private commitsInFlight = 0
  private lastCommit: Promise<void> = Promise.resolve()
  private readonly channel: BoardChannel
  /** Entries in seq order when other instances append to the board too. */
  private readonly order = new SeqOrder({
    lastSeq: () => this.lastSeq,
    failed: () => this.failure !== null,
    integrate: (entry) => this.integrate(entry),
    advance: (entry) => this.advance(entry),
    read: (afterSeq, limit) => this.options.journal.read(afterSeq, limit),
    enqueue: (task) => this.queue.enqueue(task),
    warn: (err, message) => this.options.log.warn({ board: this.boardId, err }, message)
  })
  /** Derives changes in seq order when other instances share the board (see SeqOrderedChanges). */
  private ordered: SeqOrderedChanges | null = null

  static async load(options: RoomOptions): Promise<BoardRoom> {
    const room = new BoardRoom(options, await options.journal.load())
    const migrated: string[] = []
    room.applyServerChange((doc) => migrated.push(...migrateBoardDoc(doc)))
    await room.queue.whenIdle()
    await room.lastCommit
    // Another instance may have written meanwhile: listeners attach to a document exactly at `seq`.
    if (room.order.ahead) {
      room.queue.enqueue(() => room.order.catchUp())
      await room.queue.whenIdle()
    }
    if (room.failure) throw room.failure
    if (migrated.length > 0) options.log.info({ board: options.boardId, migrations: migrated }, 'migrated board document')
    return room
  }

  private constructor(
    private readonly options: RoomOptions,
    loaded: LoadedJournal
  ) {
    this.boardId = options.boardId
    this.locked = options.locked
    const doc = loadedDocument(loaded)
    this.lastSeq = this.durableSeq = loaded.lastSeq
    this.lastArrival = loaded.lastAt
    this.lastCheckpointSeq = loaded.checkpoint?.seq ?? 0
    // Bound after loading: from here on every change to the document is captured for the journal.
    this.document = new RoomDocument(doc)
    this.presence = new RoomPresence(
      {
        connections: () => this.connections,
        publish: (update) => this.channel.publishAwareness(update),
        warn: (err, message) => this.options.log.warn({ board: this.boardId, err }, message)
      },
      { maxStateLength: options.limits.maxAwarenessStateLength, maxEntries: options.limits.maxAwarenessEntries }
    )
    options.journal.onDurable((seq) => {
      // Max: with other instances, entries they committed count as durable too (see integrate).
      this.durableSeq = Math.max(this.durableSeq, seq)
      for (const c of this.connections) c.durable(seq)
    })
    options.journal.onFailure((error) => this.fail(error))
    this.channel = (options.fanout ?? LOCAL_FANOUT).join(this.boardId, {
      entry: (entry) => this.queue.enqueue(() => this.order.heard(entry)),
      awareness: (update) => this.presence.hear(update),
      awarenessQuery: () => this.presence.publishOwn(),
      catchUp: () => this.order.requestCatchUp()
    })
  }

  /** The board's document now (replaced, not mutated, when an update leaves it untrustworthy). */
  get doc(): Y.Doc {
    return this.document.doc
  }

  /** Whether other instances may serve this board at the same time. */
  get shared(): boolean {
    return this.options.fanout?.shared ?? false
  }

  get connectionCount(): number {
    return this.connections.size
  }

  /** The participants connected now (one entry per connection). */
  participants(): Participant[] {
    return this.connections.participants()
  }

  /** Closes the connections whose participant matches, e.g. after a revocation; returns how many. */
  disconnect(match: (participant: Participant) => boolean, code: number, reason: string): number {
    const matching = this.connections.matching(match)
    for (const c of matching) {
      c.close(code, reason)
      this.leave(c)
    }
    return matching.length
  }

  get seq(): number {
    return this.lastSeq
  }

  /** Arrival time of the latest journal entry. */
  get lastAt(): number {
    return this.lastArrival
  }

  /** The board's journal, for reading history (appends go through the room only). */
  get journal(): BoardJournal {
    return this.options.journal
  }

  /** Call right after the room loaded (the document is then exactly the journal up to `seq`). */
  onAccepted(listener: AcceptedListener): void {
    if (this.acceptedListeners.length === 0) {
      if (this.shared) this.ordered = new SeqOrderedChanges(Y.encodeStateAsUpdate(this.doc))
      else this.document.collectChanges()
    }
    this.acceptedListeners.push(listener)
  }

  /** Called when the room closes, after its last update was handled and before its journal is released. */
  onClose(listener: () => void | Promise<void>): void {
    this.closeListeners.push(listener)
  }

  join(socket: SyncSocket, participant: Participant): RoomConnection {
    const conn = new RoomConnection(socket, participant, this.options.limits, this.options.now())
    if (this.failure) {
      conn.close(CloseCode.storageUnavailable, 'board storage unavailable')
      return conn
    }
    this.connections.add(conn)
    this.queue.enqueue(() => {
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
      if (this.presence.size > 0) conn.send(this.presence.everyone())
    })
    return conn
  }

  receive(conn: RoomConnection, data: Uint8Array): void {
    if (!conn.open || this.failure) return
    let message
    try {
      message = decodeClientMessage(data)
    } catch (e) {
      this.telemetry.updateRefused('malformed')
      conn.close(CloseCode.malformed, (e as Error).message.slice(0, 120))
      return
    }
    switch (message.kind) {
      case 'sync-step-1': {
        const { stateVector } = message
        // The answer is the document: with appends in flight it waits until they are committed.
        return this.queue.enqueue(() =>
          this.commitsInFlight > 0 ? this.lastCommit.then(() => this.answerSyncStep1(conn, stateVector)) : this.answerSyncStep1(conn, stateVector)
        )
      }
      case 'sync-update': {
        const { update } = message
        // A flood is cut before it costs anything; 1013 tells the client to come back later.
        if (!conn.allowUpdate(update.length, this.options.now())) {
          this.telemetry.updateRefused('rate-limit')
          return conn.close(CloseCode.tryAgainLater, 'update rate limit exceeded')
        }
        const receivedAt = performance.now()
        return this.queue.enqueue(() => this.acceptUpdate(conn, update, receivedAt))
      }
      case 'awareness':
        return this.presence.apply(conn, message.update)
      case 'query-awareness':
        return conn.send(this.presence.everyone())
      case 'journal-ack-opt-in':
        return this.queue.enqueue(() => conn.enableAcks(this.lastSeq, this.durableSeq))
      case 'session-events-opt-in':
        conn.sessionEvents = true
        return
    }
  }

  leave(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return
    conn.open = false
    this.presence.left(conn)
    if (this.connections.size === 0) this.onEmpty()
  }

  /** Makes a change as the server (migrations, imports); journaled and relayed like any edit. */
  applyServerChange(mutate: (doc: Y.Doc) => void, participantId = SYSTEM_PARTICIPANT_ID): void {
    this.queue.enqueue(() => {
      this.document.reset()
      mutate(this.doc)
      const effective = this.document.takeUpdate()
      if (effective) return this.commit(effective, participantId, null)
    })
  }

  /** Sends `message` to the connections that opted in to session events; returns how many. */
  sendSessionEvent(message: Uint8Array): number {
    return this.connections.sendSessionEvent(message)
  }

  /** Pokes connections that heard nothing for `quietMs`, and returns how many were poked. */
  keepAlive(now: number, quietMs: number): number {
    return this.connections.keepAlive(now, quietMs)
  }

  private answerSyncStep1(conn: RoomConnection, stateVector: Uint8Array): void {
    let diff: Uint8Array
    try {
      diff = Y.encodeStateAsUpdate(this.doc, stateVector)
    } catch {
      return conn.close(CloseCode.malformed, 'invalid state vector')
    }
    conn.send(encodeSyncStep2(diff))
  }

  private acceptUpdate(conn: RoomConnection, update: Uint8Array, receivedAt: number): void | Promise<void> {
    if (!conn.open) return
    if (!canWrite(conn.participant.role, this.locked)) {
      // Not counted: the empty update of a reader's first sync step 2 (every viewer sends one).
      if (update.length > EMPTY_UPDATE_BYTES) this.telemetry.updateRefused(canWrite(conn.participant.role, false) ? 'locked' : 'read-only')
      conn.send(encodePermissionDenied(this.locked ? 'board is locked' : 'read-only role'))
      return
    }
    this.document.reset()
    const pending = this.document.pending()
    try {
      Y.applyUpdate(this.doc, update, conn)
    } catch (err) {
      this.telemetry.updateRefused('malformed')
      // Yjs reads all of an update's structs before it integrates any: most malformed updates throw
      // there and leave the document untouched. No separate decoding pass is paid on every update.
      if (this.document.untouchedSinceReset()) {
        this.document.restorePending(pending)
        return conn.close(CloseCode.malformed, 'update cannot be decoded')
      }
      // Yjs threw midway (a crafted update): only its sender is closed, the others stay.
      this.options.log.warn({ board: this.boardId, participant: conn.participant.id, err }, 'update cannot be applied; rebuilding the document')
      // Told first, so that a participant refused for doing it again is closed with 4403 rather than 4400.
      this.onInvalidUpdate(conn.participant)
      conn.close(CloseCode.malformed, 'update cannot be applied')
      return this.rebuild()
    }
    // Updates whose dependencies never arrive wait in memory: bounded, and their sender is cut off.
    if (this.document.dropOversizedPending(this.options.limits.maxPendingUpdateBytes)) {
      conn.close(CloseCode.malformed, 'too many updates with missing dependencies')
    }
    const effective = this.document.takeUpdate()
    if (!effective) {
      // Acknowledged in order: after the updates of this connection still being committed.
      if (this.commitsInFlight > 0) return void this.lastCommit.then(() => conn.noteHandled(this.lastSeq, this.durableSeq))
      return conn.noteHandled(this.lastSeq, this.durableSeq)
    }
    return this.commit(effective, conn.participant.id, conn, receivedAt)
  }

  /**
   * Yjs may have integrated part of an update before it threw: the document no longer equals the
   * journal (a later encode may even throw), and what it took in was never journaled nor relayed. It
   * is replaced by one rebuilt from the journal, which is what every client has seen. Runs on the
   * queue, so nothing is handled against the half-applied document; messages wait meanwhile. Updates
   * held for missing dependencies go with the old document (the bad one may be among them): a client
   * resends what the server lacks when it next syncs. Presence is untouched (see RoomPresence).
   */
  private async rebuild(): Promise<void> {
    this.rebuilding = true
    this.document.reset()
    try {
      // Appends in flight hold updates applied before the bad one: the rebuild must include them.
      await this.lastCommit
      if (this.failure) return
      const doc = await rebuildDocument(this.options.journal, this.lastSeq, this.order.committedAhead())
      if (this.failure) return void doc.destroy()
      this.document.replace(doc)
      this.options.log.info({ board: this.boardId, seq: this.lastSeq }, 'document rebuilt from the journal')
    } catch (e) {
      this.fail(new Error(`document cannot be rebuilt after an update failed midway: ${(e as Error).message}`))
    } finally {
      this.rebuilding = false
    }
  }

  /** `receivedAt` (performance.now() at receipt) is given for a client's update, which is then counted. */
  private commit(update: Uint8Array, participantId: string, origin: RoomConnection | null, receivedAt?: number): void | Promise<void> {
    let appended: JournalEntry | Promise<JournalEntry>
    try {
      appended = this.options.journal.append({ at: this.options.now(), participantId, update })
    } catch (e) {
      return this.journalFailed(e as Error, receivedAt)
    }
    if (appended instanceof Promise) {
      // Pipelined: the next update is applied and appended while this one commits. The journal
      // commits them together and resolves them in order, so relays keep seq order; whatever could
      // show anyone the document before a commit waits for `lastCommit` (sync answers, checkpoints).
      this.commitsInFlight++
      this.lastCommit = appended.then(
        (entry) => {
          this.commitsInFlight--
          this.relayCounted(entry, origin, receivedAt)
        },
        (e: Error) => {
          this.commitsInFlight--
          this.journalFailed(e, receivedAt)
        }
      )
      // Never rejects: sync answers and close() wait on it.
      this.lastCommit = this.lastCommit.catch((err: Error) => this.options.log.error({ board: this.boardId, err }, 'relay failed'))
      return
    }
    this.relayCounted(appended, origin, receivedAt)
  }

  private relayCounted(entry: JournalEntry, origin: RoomConnection | null, receivedAt: number | undefined): void {
    this.relay(entry, origin)
    if (receivedAt === undefined) return
    this.telemetry.updateAccepted()
    this.telemetry.relayed((performance.now() - receivedAt) / 1000)
  }

  private journalFailed(error: Error, receivedAt: number | undefined): void {
    if (receivedAt !== undefined) this.telemetry.updateRefused('journal')
    this.fail(error)
  }

  private get telemetry(): SyncTelemetry {
    return this.options.telemetry ?? NO_SYNC_TELEMETRY
  }

  private relay(entry: JournalEntry, origin: RoomConnection | null): void {
    const message = encodeUpdate(entry.update)
    this.connections.send(message, origin)
    origin?.noteHandled(entry.seq, this.durableSeq)
    // Committed and relayed here first: other instances hear it only once it is durable.
    this.channel.publishEntry(entry)
    // With other instances the seqs before this one may still be on their way.
    this.order.committed(entry)
  }

  /** `entry` is the next in seq order and in the document: everything up to it is now applied. */
  private advance(entry: JournalEntry): void {
    this.lastSeq = entry.seq
    this.lastArrival = entry.at
    if (this.acceptedListeners.length > 0) {
      // After the append and the relay: deriving history never delays or endangers either.
      const changes = this.ordered ? this.ordered.derive(entry.update) : this.document.takeChanges()
      for (const listener of this.acceptedListeners) {
        try {
          listener(entry, changes)
        } catch (err) {
          this.options.log.warn({ board: this.boardId, err }, 'accepted listener failed')
        }
      }
    }
    if (this.lastSeq - this.lastCheckpointSeq >= this.options.checkpointEvery) void this.checkpoint()
  }

  /** Applies and relays the next entry in seq order, committed by another instance. */
  private integrate(entry: JournalEntry): boolean {
    try {
      Y.applyUpdate(this.doc, entry.update, REMOTE)
    } catch (e) {
      this.fail(new Error(`entry ${entry.seq} from the journal cannot be applied: ${(e as Error).message}`))
      return false
    }
    // Only local edits are captured for the journal; this one is there already.
    this.document.reset()
    // Committed by its instance before it was published or read back.
    if (entry.seq > this.durableSeq) this.durableSeq = entry.seq
    this.connections.send(encodeUpdate(entry.update))
    this.advance(entry)
    return true
  }

  /** Writes a checkpoint of the state as of the latest entry (skipped while one is being written). */
  checkpoint(): Promise<void> {
    if (this.checkpointing || this.rebuilding || this.lastSeq === 0 || this.lastSeq === this.lastCheckpointSeq) {
      return this.checkpointing ?? Promise.resolve()
    }
    // A checkpoint of seq N must hold exactly entries 1..N; the document may already hold later
    // ones (still committing, or this instance's while another instance's are on their way).
    const state = this.ordered
      ? this.ordered.encodeStateV2()
      : !this.order.ahead && this.commitsInFlight === 0
        ? Y.encodeStateAsUpdateV2(this.doc)
        : null
    if (!state) return Promise.resolve()
    const seq = this.lastSeq
    this.checkpointing = this.options.journal
      .writeCheckpoint({ seq, at: this.lastArrival, state })
      .then(() => {
        this.lastCheckpointSeq = Math.max(this.lastCheckpointSeq, seq)
      })
      .catch((err: Error) => this.options.log.warn({ board: this.boardId, err }, 'checkpoint failed'))
      .finally(() => {
        this.checkpointing = null
      })
    return this.checkpointing
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.options.log.error({ board: this.boardId, err: error }, 'board stopped: its journal cannot be trusted')
    for (const c of this.connections.matching()) c.close(CloseCode.storageUnavailable, 'board storage unavailable')
    this.onBroken(error)
  }

  get broken(): boolean {
    return this.failure !== null
  }

  /** Closes every connection with `code`, checkpoints, and releases the journal and document. */
  async close(code: number = CloseCode.restarting, reason = 'server restarting'): Promise<void> {
    for (const c of this.connections.matching()) {
      c.close(code, reason)
      this.leave(c)
    }
    await this.queue.whenIdle()
    await this.lastCommit
    this.channel.close()
    this.order.close()
    for (const listener of this.closeListeners) {
      try {
        await listener()
      } catch (err) {
        this.options.log.warn({ board: this.boardId, err }, 'close listener failed')
      }
    }
    // A long tail would slow the next load; a short one costs less to replay than to checkpoint.
    const tail = this.lastSeq - this.lastCheckpointSeq
    if (!this.failure && tail >= Math.max(1, Math.floor(this.options.checkpointEvery / 10))) {
      await this.checkpoint()
      if (this.lastSeq > this.lastCheckpointSeq) await this.checkpoint()
    } else {
      await this.checkpointing
    }
    await this.options.journal.close()
    this.presence.destroy()
    this.ordered?.destroy()
    this.document.destroy()
  }
}
