import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from './awareness-guard'
import { stampPresence } from './presence-stamp'
import { MalformedMessageError, encodeAwareness } from './protocol'
import { RoomConnection } from './room-connection'
import type { PresenceLimits } from './room-options'

/** Origin of changes heard from another instance (applied here, never journaled or published again). */
export const REMOTE = Symbol('remote instance')

/** Client ids whose connection left, kept for their participant: more are forgotten oldest first. */
const MAX_RESERVED_IDS = 4096

/** Another instance's updates were bounded where they arrived (publishOwn sends all its states at once). */
const UNBOUNDED = { maxStateLength: Infinity, maxEntries: Infinity }

/** What the presence of one board needs from its room. */
export interface PresenceHost {
  /** The room's open connections, each told of every change. */
  connections(): Iterable<RoomConnection>
  /** Tells the other instances serving the board (see BoardChannel.publishAwareness). */
  publish(update: Uint8Array): void
  warn(err: unknown, message: string): void
  now(): number
}

/** Who an awareness client id belongs to on this instance. */
interface Owner {
  participantId: string
  /** Null once its connection left: the id stays its participant's (a reconnect takes it back). */
  conn: RoomConnection | null
  /** The last clock its client used (the server relays its own clocks; see `apply`). */
  clientClock: number
}

/**
 * Who is on a board and where (y-protocols awareness), with the server as the authority over it:
 * - each client id belongs to the participant whose connection first published it (kept after that
 *   connection leaves, for its reconnect); echoes of others' states are dropped, and no other
 *   participant can ever publish under it;
 * - the server writes each state's `user` (name, role, id) from the token (see stampPresence);
 * - the server numbers the states it relays with its own clocks, so a huge clock sent by anyone
 *   silences nobody; each sender hears its own states back with its own clocks;
 * - whoever (re)joins hears every state numbered above anything sent of it before: a stock client
 *   keeps the clock of each state it drops on a disconnect and takes a state only with a higher
 *   one, so it sees the others again at once, not at their next change or 15 s renewal; that holds
 *   across a restart and a room reload too, as no server clock is below the wall clock (see nextClock);
 * - a connection publishes at most `maxIdsPerConnection` ids and `maxBytesPerConnection` of state,
 *   a participant (all its connections) at most `maxBytesPerParticipant`, a board at most
 *   `maxBytesPerRoom`, and presence is rate limited per connection (raw bytes:
 *   a flood is closed with 1013; states: an excess state is dropped, the next one replaces it);
 * - a closed connection's states go at once.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly owners = new Map<number, Owner | typeof REMOTE>()
  /** Ids whose connection left, oldest departure first. */
  private readonly reserved = new Map<number, Owner>()
  /** Length of each state published here, and their sum: the board's presence bytes. */
  private readonly sizes = new Map<number, number>()
  private totalBytes = 0
  /** Whose state bytes each id holds here, and each participant's sum (all their connections). */
  private readonly sizeOwners = new Map<number, string>()
  private readonly participantBytes = new Map<string, number>()
  /** While a connection's update is applied: what it hears back (its states with its own clocks). */
  private echo: { conn: RoomConnection; message: Uint8Array } | null = null

  constructor(
    private readonly host: PresenceHost,
    private readonly limits: PresenceLimits
  ) {
    // Its own document, used only for a client id: the board's document is replaced when it cannot be
    // trusted (see document-rebuild.ts), and destroying a document destroys the awareness bound to it.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc())
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relay)
  }

  /** How many states are known now. */
  get size(): number {
    return this.awareness.getStates().size
  }

  /** The presence bytes this instance's connections hold on the board. */
  get bytes(): number {
    return this.totalBytes
  }

  /**
   * Every state known now but `conn`'s own, as an awareness message for `conn` alone, each under a
   * clock one above the last sent of it (see the class comment). Its own are left out: it knows them,
   * and would take the server's clock for them.
   */
  everyone(conn: RoomConnection): Uint8Array {
    const entries: AwarenessEntry[] = []
    for (const [clientId, state] of this.awareness.getStates()) {
      if (conn.awarenessIds.has(clientId)) continue
      const meta = this.awareness.meta.get(clientId)
      if (meta === undefined) continue
      const clock = this.nextClock(clientId)
      // Quietly: the others have nothing new to hear; the next change of it is numbered above this.
      this.awareness.meta.set(clientId, { clock, lastUpdated: meta.lastUpdated })
      entries.push({ clientId, clock, state: JSON.stringify(state) })
    }
    return encodeAwareness(encodeAwarenessUpdate(entries))
  }

  /** An awareness update from one of this instance's connections. */
  apply(conn: RoomConnection, update: Uint8Array): void {
    if (!conn.allowPresence(update.length, this.host.now())) return conn.close(CloseCode.tryAgainLater, 'presence rate limit exceeded')
    let entries: AwarenessEntry[]
    try {
      entries = decodeAwarenessUpdate(update, this.limits)
    } catch (e) {
      const reason = e instanceof MalformedMessageError ? e.message : 'awareness update cannot be applied'
      return conn.close(CloseCode.malformed, reason.slice(0, 120))
    }
    const relayed: AwarenessEntry[] = []
    const echoed: AwarenessEntry[] = []
    for (const entry of entries) {
      const state = this.admit(conn, entry)
      if (state === null) continue
      relayed.push({ clientId: entry.clientId, clock: this.nextClock(entry.clientId), state })
      echoed.push({ clientId: entry.clientId, clock: entry.clock, state })
    }
    if (relayed.length === 0) return
    this.echo = { conn, message: encodeAwareness(encodeAwarenessUpdate(echoed)) }
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(relayed), conn)
    } catch (err) {
      this.host.warn(err, 'awareness update cannot be applied')
    } finally {
      this.echo = null
    }
  }

  /**
   * The clock to send `clientId`'s state under next: above the last sent of it here, at least
   * `atLeast`, and never below the wall clock (ms). A restarted server, or a room loaded again after
   * everyone left, knows nothing of the clocks it sent before, while stock clients keep them: counting
   * from the wall clock puts its first numbers above all of those. Each clock climbs by one per state
   * its owner sends (≤ 40/s per connection: statesPerSecond) and per join to the board (each address
   * ≤ 10/s: CONNECTS_PER_SECOND), far under one a millisecond, so it is ahead of the wall clock at most
   * by a burst (even a few hundred people joining at once: well under a second), less than a restart
   * or a reload (after a 30 s idle unload) takes. Other instances count the same way, on clocks that
   * agree far closer than that. Epoch ms (~2^41) leave lib0's varuint (≤ MAX_SAFE_INTEGER) ample room.
   */
  private nextClock(clientId: number, atLeast = 0): number {
    return Math.max((this.awareness.meta.get(clientId)?.clock ?? 0) + 1, this.host.now(), atLeast)
  }

  /**
   * Whether `conn` may publish `entry`, and the state to relay for it (stamped), or null. Its
   * ownership and size are recorded here when it may.
   */
  private admit(conn: RoomConnection, entry: AwarenessEntry): string | null {
    const { clientId, clock } = entry
    const removal = entry.state === 'null'
    const owner = this.owners.get(clientId)
    if (owner === REMOTE) {
      // Another instance's, and echoed by a stock client here (clocks cannot tell an echo from its
      // client reconnecting here). That instance removes it as soon as its connection closes (or it
      // times out here): the client's next state then takes it.
      return null
    } else if (owner !== undefined) {
      // Another connection's (an echo), or a clock this connection already used (its own echo).
      if (owner.conn !== conn || clock <= owner.clientClock) return null
    } else {
      const left = this.reserved.get(clientId)
      if (left !== undefined) {
        // Its participant's, reconnecting: y-websocket sends its last clock again on reconnect.
        if (left.participantId !== conn.participant.id || clock < left.clientClock || removal) return null
      } else if (removal || conn.awarenessIds.size >= this.limits.maxIdsPerConnection) {
        return null
      }
    }
    let stamped = 'null'
    if (!removal) {
      const state = stampPresence(JSON.parse(entry.state), conn.participant, (key) => this.nameReserved(key, conn))
      if (state === null) return null
      stamped = JSON.stringify(state)
      if (!this.fits(conn, clientId, stamped.length)) return null
    }
    if (!conn.allowPresenceState(this.host.now())) return null
    this.reserved.delete(clientId)
    this.owners.set(clientId, { participantId: conn.participant.id, conn, clientClock: clock })
    conn.awarenessIds.add(clientId)
    this.setSize(clientId, removal ? 0 : stamped.length, conn.participant.id)
    return stamped
  }

  /** Whether a state of `length` characters for `clientId` keeps `conn` and the board in their bounds. */
  private fits(conn: RoomConnection, clientId: number, length: number): boolean {
    if (length > this.limits.maxStateLength) return false
    const previous = this.sizes.get(clientId) ?? 0
    if (this.totalBytes - previous + length > this.limits.maxBytesPerRoom) return false
    let connBytes = length - previous
    for (const id of conn.awarenessIds) connBytes += this.sizes.get(id) ?? 0
    if (connBytes > this.limits.maxBytesPerConnection) return false
    const own = conn.participant.id
    const participantBytes = (this.participantBytes.get(own) ?? 0) - (this.sizeOwners.get(clientId) === own ? previous : 0) + length
    return participantBytes <= this.limits.maxBytesPerParticipant
  }

  /** Whether a name (folded, see nameKey) is the token name of someone else on the board. */
  private nameReserved(key: string, conn: RoomConnection): boolean {
    for (const c of this.host.connections()) if (c.participant.id !== conn.participant.id && c.nameKey === key) return true
    return false
  }

  /** Records the state length of `clientId`; `participantId` names whose bytes they are (kept from before when omitted). */
  private setSize(clientId: number, length: number, participantId?: string): void {
    const previous = this.sizes.get(clientId) ?? 0
    this.totalBytes += length - previous
    const was = this.sizeOwners.get(clientId)
    if (was !== undefined) {
      const left = (this.participantBytes.get(was) ?? 0) - previous
      if (left > 0) this.participantBytes.set(was, left)
      else this.participantBytes.delete(was)
    }
    if (length === 0) {
      this.sizes.delete(clientId)
      this.sizeOwners.delete(clientId)
      return
    }
    this.sizes.set(clientId, length)
    const owner = participantId ?? was
    if (owner === undefined) return
    this.sizeOwners.set(clientId, owner)
    this.participantBytes.set(owner, (this.participantBytes.get(owner) ?? 0) + length)
  }

  /** An awareness update from connections on another instance. */
  hear(update: Uint8Array): void {
    try {
      // Its clocks are that instance's, and joins here number states above them (see everyone): a
      // state not held by a connection here is news from its owner whatever its clock.
      const entries = decodeAwarenessUpdate(update, UNBOUNDED).map((entry) => {
        const owner = this.owners.get(entry.clientId)
        if (owner !== undefined && owner !== REMOTE) return entry
        return { ...entry, clock: this.nextClock(entry.clientId, entry.clock) }
      })
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), REMOTE)
    } catch (err) {
      this.host.warn(err, 'awareness from another instance cannot be applied')
    }
  }

  /** Tells a newly joined instance who is connected here. */
  publishOwn(): void {
    const states = this.awareness.getStates()
    const ids = [...this.owners].filter(([id, owner]) => owner !== REMOTE && owner.conn !== null && states.has(id)).map(([id]) => id)
    if (ids.length > 0) this.host.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /**
   * `conn` closed: its states are removed at once and relayed, so nobody keeps seeing a cursor of
   * someone who left; its ids stay its participant's.
   */
  left(conn: RoomConnection): void {
    const ids = [...conn.awarenessIds]
    for (const id of ids) {
      const owner = this.owners.get(id)
      this.owners.delete(id)
      if (owner === undefined || owner === REMOTE) continue
      this.reserved.delete(id)
      this.reserved.set(id, { ...owner, conn: null })
      if (this.reserved.size > MAX_RESERVED_IDS) this.reserved.delete(this.reserved.keys().next().value!)
    }
    const present = ids.filter((id) => this.awareness.getStates().has(id))
    if (present.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, present, 'left')
    for (const id of ids) this.setSize(id, 0)
  }

  destroy(): void {
    this.awareness.destroy()
    this.awareness.doc.destroy()
  }

  private relay = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === REMOTE) {
      for (const id of added.concat(updated)) if (!this.owners.has(id)) this.owners.set(id, REMOTE)
    }
    for (const id of removed) {
      if (this.owners.get(id) === REMOTE) this.owners.delete(id)
      // Timed out (its client stopped renewing it) or removed by its client: it holds no bytes now.
      this.setSize(id, 0)
    }
    const changed = added.concat(updated, removed)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    // Only this instance's own connections are told to the others ('left': one closed); each
    // instance times out stale states itself, so a dead instance's states expire everywhere.
    if (origin instanceof RoomConnection || origin === 'left') this.host.publish(update)
    const message = encodeAwareness(update)
    const echo = this.echo
    const now = this.host.now()
    // The sender hears its own states back too (stock clients count that as a sign of life), with the
    // clocks it sent: with the server's, it would adopt them and send its state again, forever.
    for (const c of this.host.connections()) c.send(echo !== null && c === echo.conn ? echo.message : message, now)
  }
}

