import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { canWrite } from '../../shared/roles'
import { migrateBoardDoc } from '../../shared/schema/migrations'
import type { Logger } from '../log'
import type { BoardJournal, JournalEntry, LoadedJournal } from '../store/journal'
import { ChangeCollector, type AcceptedChanges } from './accepted-changes'
import { filterAwarenessUpdate } from './awareness-guard'
import { LOCAL_FANOUT, type BoardChannel, type BoardFanout } from './board-fanout'
import {
  KEEPALIVE_MESSAGE,
  MalformedMessageError,
  decodeClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate
} from './protocol'
import { RoomConnection } from './room-connection'
import { SeqOrder } from './seq-order'
import { SeqOrderedChanges } from './seq-ordered-changes'
import { SerialQueue } from './serial-queue'
import { NO_SYNC_TELEMETRY, type SyncTelemetry } from './sync-telemetry'
import type { Participant, SyncSocket } from './sync-socket'

export interface RoomLimits {
  maxAwarenessStateLength: number
  maxAwarenessEntries: number
  /** Per connection: outgoing bytes the transport may hold before the reader is cut loose. */
  maxBufferedBytes: number
  /** Updates whose dependencies never arrive wait in memory; past this, they are dropped. */
  maxPendingUpdateBytes: number
  /** Per connection: sync update messages allowed in a burst, and per second sustained. */
  updateBurst: number
  updatesPerSecond: number
  /** Per connection: update bytes allowed in a burst, and per second sustained. */
  updateBytesBurst: number
  updateBytesPerSecond: number
}

export interface RoomOptions {
  boardId: string
  journal: BoardJournal
  log: Logger
  now: () => number
  limits: RoomLimits
  /** A checkpoint of the merged state is written after this many journal entries. */
  checkpointEvery: number
  locked: boolean
  /** Told about accepted and refused updates and relay latency (metrics); default: nobody. */
  telemetry?: SyncTelemetry
  /** Other instances serving the same board (default: none). */
  fanout?: BoardFanout
}

/** Origin of changes heard from another instance (applied here, never journaled or published again). */
const REMOTE = Symbol('remote instance')

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
  // A fixed guid: Yjs would otherwise generate a uuid (32 crypto calls) per load; boards have no subdocs.
  readonly doc = new Y.Doc({ guid: 'board' })
  readonly awareness: awarenessProtocol.Awareness
  readonly boardId: string
  locked: boolean
  /** Called when the last connection leaves. */
  onEmpty: () => void = () => {}
  /** Called once when the board can no longer be trusted in memory (a journal failure). */
  onBroken: (error: Error) => void = () => {}
  private readonly connections = new Set<RoomConnection>()
  private readonly awarenessOwners = new Map<number, RoomConnection | typeof REMOTE>()
  private readonly queue = new SerialQueue()
  private readonly acceptedListeners: AcceptedListener[] = []
  private readonly closeListeners: Array<() => void | Promise<void>> = []
  /** Derives each entry's events and changes; observes the document only once someone listens. */
  private readonly collector = new ChangeCollector(this.doc)
  private captured: Uint8Array[] = []
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
    if (loaded.checkpoint) Y.applyUpdateV2(this.doc, loaded.checkpoint.state)
    if (loaded.tail.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(loaded.tail.map((e) => e.update)))
    this.lastSeq = this.durableSeq = loaded.lastSeq
    this.lastArrival = loaded.lastAt
    this.lastCheckpointSeq = loaded.checkpoint?.seq ?? 0
    // Registered after loading: from here on every change to the document is captured for the journal.
    this.doc.on('update', (update: Uint8Array) => this.captured.push(update))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relayAwareness)
    options.journal.onDurable((seq) => {
      // Max: with other instances, entries they committed count as durable too (see integrate).
      this.durableSeq = Math.max(this.durableSeq, seq)
      for (const c of this.connections) c.durable(seq)
    })
    options.journal.onFailure((error) => this.fail(error))
    this.channel = (options.fanout ?? LOCAL_FANOUT).join(this.boardId, {
      entry: (entry) => this.queue.enqueue(() => this.order.heard(entry)),
      awareness: (update) => this.hearAwareness(update),
      awarenessQuery: () => this.publishOwnAwareness(),
      catchUp: () => this.order.requestCatchUp()
    })
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
    return [...this.connections].map((c) => c.participant)
  }

  /** Closes the connections whose participant matches, e.g. after a revocation; returns how many. */
  disconnect(match: (participant: Participant) => boolean, code: number, reason: string): number {
    let closed = 0
    for (const c of [...this.connections]) {
      if (!match(c.participant)) continue
      c.close(code, reason)
      this.leave(c)
      closed++
    }
    return closed
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
      else this.doc.on('afterTransaction', this.collector.observe)
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
      const states = [...this.awareness.getStates().keys()]
      if (states.length > 0) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)))
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
        return this.applyAwareness(conn, message.update)
      case 'query-awareness': {
        const states = [...this.awareness.getStates().keys()]
        return conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)))
      }
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
    const ids = [...conn.awarenessIds]
    for (const id of ids) this.awarenessOwners.delete(id)
    // Removed at once and relayed, so nobody keeps seeing the cursor of someone who left.
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'left')
    if (this.connections.size === 0) this.onEmpty()
  }

  /** Makes a change as the server (migrations, imports); journaled and relayed like any edit. */
  applyServerChange(mutate: (doc: Y.Doc) => void, participantId = SYSTEM_PARTICIPANT_ID): void {
    this.queue.enqueue(() => {
      this.captured = []
      this.collector.reset()
      mutate(this.doc)
      const effective = this.takeCaptured()
      if (effective) return this.commit(effective, participantId, null)
    })
  }

  /** Sends `message` to the connections that opted in to session events; returns how many. */
  sendSessionEvent(message: Uint8Array): number {
    let sent = 0
    for (const c of this.connections) {
      if (!c.sessionEvents || !c.open) continue
      c.send(message)
      sent++
    }
    return sent
  }

  /** Pokes connections that heard nothing for `quietMs`, and returns how many were poked. */
  keepAlive(now: number, quietMs: number): number {
    let poked = 0
    for (const c of this.connections) {
      if (now - c.lastSentAt >= quietMs) {
        c.send(KEEPALIVE_MESSAGE)
        poked++
      }
    }
    return poked
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
    try {
      // Decoding first rejects malformed updates before they can touch the document.
      Y.decodeUpdate(update)
    } catch {
      this.telemetry.updateRefused('malformed')
      return conn.close(CloseCode.malformed, 'update cannot be decoded')
    }
    this.captured = []
    this.collector.reset()
    try {
      Y.applyUpdate(this.doc, update, conn)
    } catch (e) {
      // Yjs may have integrated part of it: the document no longer equals the journal, so the
      // room is dropped and reloaded from the journal by whoever connects next.
      this.telemetry.updateRefused('malformed')
      conn.close(CloseCode.malformed, 'update cannot be applied')
      this.fail(new Error(`update failed midway: ${(e as Error).message}`))
      return
    }
    this.dropOversizedPending(conn)
    const effective = this.takeCaptured()
    if (!effective) {
      // Acknowledged in order: after the updates of this connection still being committed.
      if (this.commitsInFlight > 0) return void this.lastCommit.then(() => conn.noteHandled(this.lastSeq, this.durableSeq))
      return conn.noteHandled(this.lastSeq, this.durableSeq)
    }
    return this.commit(effective, conn.participant.id, conn, receivedAt)
  }

  private dropOversizedPending(conn: RoomConnection): void {
    const store = this.doc.store
    const size = (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0)
    if (size <= this.options.limits.maxPendingUpdateBytes) return
    store.pendingStructs = null
    store.pendingDs = null
    conn.close(CloseCode.malformed, 'too many updates with missing dependencies')
  }

  private takeCaptured(): Uint8Array | null {
    const captured = this.captured
    this.captured = []
    if (captured.length === 0) return null
    return captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured)
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
    for (const c of this.connections) if (c !== origin) c.send(message)
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
      const changes = this.ordered ? this.ordered.derive(entry.update) : this.collector.take()
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
    this.captured = []
    this.collector.reset()
    // Committed by its instance before it was published or read back.
    if (entry.seq > this.durableSeq) this.durableSeq = entry.seq
    const message = encodeUpdate(entry.update)
    for (const c of this.connections) c.send(message)
    this.advance(entry)
    return true
  }


  private applyAwareness(conn: RoomConnection, update: Uint8Array): void {
    let filtered: Uint8Array | null
    try {
      filtered = filterAwarenessUpdate(
        update,
        (clientId, isRemoval) => {
          // States heard from another instance may be taken over by a client reconnecting here.
          const owner = this.awarenessOwners.get(clientId)
          return owner instanceof RoomConnection ? owner === conn : !isRemoval
        },
        { maxStateLength: this.options.limits.maxAwarenessStateLength, maxEntries: this.options.limits.maxAwarenessEntries }
      )
      if (filtered) awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, conn)
    } catch (e) {
      const reason = e instanceof MalformedMessageError ? e.message : 'awareness update cannot be applied'
      conn.close(CloseCode.malformed, reason.slice(0, 120))
    }
  }

  private relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ): void => {
    if (origin instanceof RoomConnection && origin.open) {
      for (const id of added.concat(updated)) {
        if (this.awarenessOwners.get(id) instanceof RoomConnection) continue
        this.awarenessOwners.set(id, origin)
        origin.awarenessIds.add(id)
      }
    } else if (origin === REMOTE) {
      for (const id of added.concat(updated)) if (!this.awarenessOwners.has(id)) this.awarenessOwners.set(id, REMOTE)
    }
    for (const id of removed) if (this.awarenessOwners.get(id) === REMOTE) this.awarenessOwners.delete(id)
    const changed = added.concat(updated, removed)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    // Only this instance's own connections are told to the others ('left': one closed); each
    // instance times out stale states itself, so a dead instance's states expire everywhere.
    if (origin instanceof RoomConnection || origin === 'left') this.channel.publishAwareness(update)
    const message = encodeAwareness(update)
    // The sender hears its own state back too: stock clients count that as a sign of life.
    for (const c of this.connections) c.send(message)
  }

  private hearAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
    } catch (err) {
      this.options.log.warn({ board: this.boardId, err }, 'awareness from another instance cannot be applied')
    }
  }

  /** Tells a newly joined instance who is connected here. */
  private publishOwnAwareness(): void {
    const states = this.awareness.getStates()
    const ids = [...this.awarenessOwners].filter(([id, owner]) => owner !== REMOTE && states.has(id)).map(([id]) => id)
    if (ids.length > 0) this.channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /** Writes a checkpoint of the state as of the latest entry (skipped while one is being written). */
  checkpoint(): Promise<void> {
    if (this.checkpointing || this.lastSeq === 0 || this.lastSeq === this.lastCheckpointSeq) {
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
    for (const c of [...this.connections]) c.close(CloseCode.storageUnavailable, 'board storage unavailable')
    this.onBroken(error)
  }

  get broken(): boolean {
    return this.failure !== null
  }

  /** Closes every connection with `code`, checkpoints, and releases the journal and document. */
  async close(code: number = CloseCode.restarting, reason = 'server restarting'): Promise<void> {
    for (const c of [...this.connections]) {
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
    this.awareness.destroy()
    this.ordered?.destroy()
    this.doc.destroy()
  }
}
