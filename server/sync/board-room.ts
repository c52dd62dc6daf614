import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import type { BoardJournal, JournalEntry, LoadedJournal } from './journal-port'
import type { AcceptedEntries } from './accepted-port'
import { LOCAL_FANOUT, type BoardChannel } from './board-fanout'
import { ClientIdBindings, journalScan, writersOf } from './client-id-bindings'
import { ClientUpdates, type Sender } from './client-updates'
import { loadedDocument } from './document-rebuild'
import { decodeClientMessage, encodeSyncStep1, encodeUpdate } from './protocol'
import { JournalCommits } from './journal-commits'
import { RoomCheckpoints } from './room-checkpoints'
import { RoomConnection } from './room-connection'
import { RoomConnections } from './room-connections'
import { RoomDocument } from './room-document'
import type { RoomOptions } from './room-options'
import { REMOTE, RoomPresence } from './room-presence'
import { RoomRecovery } from './room-recovery'
import { SeqOrder } from './seq-order'
import { SerialQueue } from './serial-queue'
import { SYSTEM_PARTICIPANT_ID, ServerChanges } from './server-changes'
import { NO_SYNC_TELEMETRY, type SyncTelemetry } from './sync-telemetry'
import type { Participant, SyncSocket } from './sync-socket'

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
  /** A connection opted in to board events (message 101): the registry tells it the board's state. */
  onEventsOptIn: (conn: RoomConnection) => void = () => {}
  private readonly connections = new RoomConnections(() => this.options.now())
  private readonly document: RoomDocument
  private readonly presence: RoomPresence
  private readonly queue = new SerialQueue()
  /** Told of each entry in seq order (derived history); none until someone taps the room. */
  private accepted: AcceptedEntries | null = null
  private readonly closeListeners: Array<() => void | Promise<void>> = []
  private lastArrival: number
  private durableSeq: number
  private readonly checkpoints: RoomCheckpoints
  private failure: Error | null = null
  private readonly commits: JournalCommits<Sender | null>
  private readonly channel: BoardChannel
  private readonly updates: ClientUpdates
  private readonly serverChanges: ServerChanges
  private readonly recovery: RoomRecovery
  private readonly bindings = new ClientIdBindings(
    journalScan(this.options.journal, (err, seq) => this.options.log.warn({ board: this.boardId, seq, err }, 'journal entry cannot be read for its client ids'))
  )
  /** Entries in seq order when other instances append to the board too; it keeps the room's seq. */
  private readonly order: SeqOrder

  static async load(options: RoomOptions): Promise<BoardRoom> {
    const room = new BoardRoom(options, await options.journal.load())
    const migrated: string[] = []
    room.applyServerChange((doc) => migrated.push(...options.policy.upgrade(doc)))
    await room.queue.whenIdle()
    await room.commits.settled()
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
    this.durableSeq = loaded.lastSeq
    this.order = new SeqOrder(
      {
        lastSeq: loaded.lastSeq,
        journal: options.journal,
        queue: this.queue,
        clock: options.clock,
        warn: (err, message) => this.options.log.warn({ board: this.boardId, err }, message)
      },
      { integrate: (entry) => this.integrate(entry), advance: (entry) => this.advance(entry) }
    )
    this.lastArrival = loaded.lastAt
    this.commits = new JournalCommits(options.journal, {
      committed: (entry, origin, receivedAt) => this.relay(entry, origin, receivedAt),
      failed: (error, receivedAt) => this.journalFailed(error, receivedAt),
      handlerFailed: (err) => this.options.log.error({ board: this.boardId, err }, 'relay failed')
    })
    this.checkpoints = new RoomCheckpoints(
      options.journal,
      {
        lastSeq: () => this.seq,
        lastAt: () => this.lastArrival,
        stateAtLastSeq: () => this.stateAtLastSeq(),
        warn: (err, message) => this.options.log.warn({ board: this.boardId, err }, message)
      },
      options.checkpointEvery,
      loaded.checkpoint?.seq ?? 0
    )
    // Bound after loading: from here on every change to the document is captured for the journal.
    this.document = new RoomDocument(doc)
    this.updates = new ClientUpdates(options, {
      document: this.document,
      commits: this.commits,
      enqueue: (task) => this.queue.enqueue(task),
      locked: () => this.locked,
      telemetry: () => this.telemetry,
      handled: (conn) => conn.noteHandled(this.seq, this.durableSeq),
      unapplyable: (conn, error) => this.recovery.unapplyable(conn, error),
      bindings: this.bindings
    })
    this.recovery = new RoomRecovery({
      boardId: this.boardId,
      journal: options.journal,
      log: options.log,
      declareTypes: (doc) => options.policy.declareTypes(doc),
      document: this.document,
      commits: this.commits,
      lastSeq: () => this.seq,
      committedAhead: () => this.order.committedAhead(),
      failed: () => this.failure !== null,
      fail: (error) => this.fail(error),
      invalidUpdate: (participant) => this.onInvalidUpdate(participant)
    })
    this.serverChanges = new ServerChanges({
      enqueue: (task) => this.queue.enqueue(task),
      document: this.document,
      commits: this.commits,
      bindings: this.bindings,
      now: () => this.options.now()
    })
    this.presence = new RoomPresence(
      {
        connections: () => this.connections,
        publish: (update) => this.channel.publishAwareness(update),
        warn: (err, message) => this.options.log.warn({ board: this.boardId, err }, message),
        now: () => this.options.now()
      },
      options.limits.presence
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
    return this.order.lastSeq
  }

  /** Arrival time of the latest journal entry. */
  get lastAt(): number {
    return this.lastArrival
  }

  /** The board's journal, for reading history (appends go through the room only). */
  get journal(): BoardJournal {
    return this.options.journal
  }

  /**
   * Hands each entry from now on to `entries` (see AcceptedEntries); one port per room. Call right
   * after the room loaded: the document is then exactly the journal up to `seq`, with no change of
   * the room's own waiting to be journaled.
   */
  tapAccepted(entries: AcceptedEntries): void {
    if (this.accepted) throw new Error(`board ${this.boardId}: accepted entries are tapped already`)
    this.accepted = entries
    this.document.watch(entries)
  }

  /** Called when the room closes, after its last update was handled and before its journal is released. */
  onClose(listener: () => void | Promise<void>): void {
    this.closeListeners.push(listener)
  }

  join(socket: SyncSocket, participant: Participant): RoomConnection {
    const conn = new RoomConnection(socket, participant, this.options.limits, this.options.now(), () => this.options.now())
    if (this.failure) {
      conn.close(CloseCode.storageUnavailable, 'board storage unavailable')
      return conn
    }
    this.connections.add(conn)
    this.queue.enqueue(() => {
      conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
      if (this.presence.size > 0) conn.send(this.presence.everyone(conn))
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
        return this.queue.enqueue(() => this.commits.afterSettled(() => conn.answerSyncStep1(this.doc, stateVector)))
      }
      case 'sync-update':
        return this.updates.receive(conn, message.update, message.incremental)
      case 'awareness':
        return this.presence.apply(conn, message.update)
      case 'query-awareness':
        return conn.send(this.presence.everyone(conn))
      case 'journal-ack-opt-in':
        return this.queue.enqueue(() => conn.enableAcks(this.seq, this.durableSeq))
      case 'board-events-opt-in':
        if (conn.boardEvents) return
        conn.boardEvents = true
        return this.onEventsOptIn(conn)
    }
  }

  leave(conn: RoomConnection): void {
    if (!this.connections.delete(conn)) return
    conn.open = false
    this.presence.left(conn)
    if (this.connections.size === 0) this.onEmpty()
  }

  /**
   * Makes a change as the server (migrations, imports); journaled and relayed like any edit. Nothing
   * waits for it: a `mutate` that throws is logged.
   */
  applyServerChange(mutate: (doc: Y.Doc) => void, participantId = SYSTEM_PARTICIPANT_ID): void {
    this.serverChanges.change(mutate, participantId).catch((err) => this.options.log.error({ board: this.boardId, err }, 'server change failed'))
  }

  /** As applyServerChange, resolving to what `mutate` returned once applied, or rejecting with what it threw (see ServerChanges). */
  serverChange<T>(mutate: (doc: Y.Doc) => T, participantId = SYSTEM_PARTICIPANT_ID): Promise<T> {
    return this.serverChanges.change(mutate, participantId)
  }

  /** Sends `message` to the connections that opted in to session events; returns how many. */
  sendSessionEvent(message: Uint8Array): number {
    return this.connections.sendSessionEvent(message)
  }

  /** Pokes connections that heard nothing for `quietMs`, and returns how many were poked. */
  keepAlive(now: number, quietMs: number): number {
    return this.connections.keepAlive(now, quietMs)
  }

  private journalFailed(error: Error, receivedAt: number | undefined): void {
    if (receivedAt !== undefined) this.telemetry.updateRefused('journal')
    this.fail(error)
  }

  private get telemetry(): SyncTelemetry {
    return this.options.telemetry ?? NO_SYNC_TELEMETRY
  }

  /** `entry` is journaled: it goes to everyone (`receivedAt`: when its client's update arrived). */
  private relay(entry: JournalEntry, sender: Sender | null, receivedAt: number | undefined): void {
    const message = encodeUpdate(entry.update)
    // A refused change goes back to its author as well: the revert must reach its document (and the
    // store it keeps offline), or the change would come back when it reconnects.
    this.connections.send(message, sender && !sender.refused ? sender.conn : null)
    sender?.conn.noteHandled(entry.seq, this.durableSeq)
    // Committed and relayed here first: other instances hear it only once it is durable.
    this.channel.publishEntry(entry)
    // With other instances the seqs before this one may still be on their way.
    this.order.committed(entry)
    if (sender && receivedAt !== undefined) this.updates.relayed(sender, receivedAt)
  }

  /** `entry` is the next in seq order and in the document: everything up to it is now applied (see SeqOrder). */
  private advance(entry: JournalEntry): void {
    this.lastArrival = entry.at
    // After the append and the relay: deriving history never delays or endangers either.
    try {
      this.accepted?.accepted(entry)
    } catch (err) {
      this.options.log.warn({ board: this.boardId, seq: entry.seq, err }, 'accepted entry port failed')
    }
    this.checkpoints.advanced(entry.seq)
  }

  /** Applies and relays the next entry in seq order, committed by another instance (see SeqOrder). */
  private integrate(entry: JournalEntry): boolean {
    try {
      Y.applyUpdate(this.doc, entry.update, REMOTE)
    } catch (e) {
      this.fail(new Error(`entry ${entry.seq} from the journal cannot be applied: ${(e as Error).message}`))
      return false
    }
    // Only local edits are captured for the journal; this one is there already.
    this.document.reset()
    this.bindings.note(entry.participantId, writersOf(entry.update).clients)
    // Committed by its instance before it was published or read back.
    if (entry.seq > this.durableSeq) this.durableSeq = entry.seq
    this.connections.send(encodeUpdate(entry.update))
    return true
  }

  /** Exactly entries 1..lastSeq (see CheckpointedRoom), or null while the document holds more or is being rebuilt. */
  private stateAtLastSeq(): Uint8Array | null {
    if (this.document.rebuilding) return null
    const kept = this.accepted?.stateAtLastEntry?.()
    if (kept) return kept
    return !this.order.ahead && !this.commits.pending ? Y.encodeStateAsUpdateV2(this.doc) : null
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.order.stop()
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
    await this.commits.settled()
    this.channel.close()
    this.order.close()
    for (const listener of this.closeListeners) {
      try {
        await listener()
      } catch (err) {
        this.options.log.warn({ board: this.boardId, err }, 'close listener failed')
      }
    }
    await this.checkpoints.closing(!this.failure)
    await this.options.journal.close()
    this.presence.destroy()
    this.accepted?.close?.()
    this.document.destroy()
  }
}
