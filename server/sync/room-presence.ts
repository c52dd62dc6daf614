import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { filterAwarenessUpdate, type AwarenessLimits } from './awareness-guard'
import { MalformedMessageError, encodeAwareness } from './protocol'
import { RoomConnection } from './room-connection'

/** Origin of changes heard from another instance (applied here, never journaled or published again). */
export const REMOTE = Symbol('remote instance')

/** What the presence of one board needs from its room. */
export interface PresenceHost {
  /** The room's open connections, each told of every change. */
  connections(): Iterable<RoomConnection>
  /** Tells the other instances serving the board (see BoardChannel.publishAwareness). */
  publish(update: Uint8Array): void
  warn(err: unknown, message: string): void
}

/**
 * Who is on a board and where (y-protocols awareness): each state is tied to the connection that first
 * published it, echoes of others' states are dropped, and a closed connection's states go at once.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly owners = new Map<number, RoomConnection | typeof REMOTE>()

  constructor(
    private readonly host: PresenceHost,
    private readonly limits: AwarenessLimits
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

  /** Every state known now, as an awareness message. */
  everyone(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))
  }

  /** An awareness update from one of this instance's connections. */
  apply(conn: RoomConnection, update: Uint8Array): void {
    let filtered: Uint8Array | null
    try {
      filtered = filterAwarenessUpdate(
        update,
        (clientId, isRemoval) => {
          // States heard from another instance may be taken over by a client reconnecting here.
          const owner = this.owners.get(clientId)
          return owner instanceof RoomConnection ? owner === conn : !isRemoval
        },
        this.limits
      )
      if (filtered) awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, conn)
    } catch (e) {
      const reason = e instanceof MalformedMessageError ? e.message : 'awareness update cannot be applied'
      conn.close(CloseCode.malformed, reason.slice(0, 120))
    }
  }

  /** An awareness update from connections on another instance. */
  hear(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
    } catch (err) {
      this.host.warn(err, 'awareness from another instance cannot be applied')
    }
  }

  /** Tells a newly joined instance who is connected here. */
  publishOwn(): void {
    const states = this.awareness.getStates()
    const ids = [...this.owners].filter(([id, owner]) => owner !== REMOTE && states.has(id)).map(([id]) => id)
    if (ids.length > 0) this.host.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  /** `conn` closed: its states are removed at once and relayed, so nobody keeps seeing a cursor of someone who left. */
  left(conn: RoomConnection): void {
    const ids = [...conn.awarenessIds]
    for (const id of ids) this.owners.delete(id)
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'left')
  }

  destroy(): void {
    this.awareness.destroy()
    this.awareness.doc.destroy()
  }

  private relay = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin instanceof RoomConnection && origin.open) {
      for (const id of added.concat(updated)) {
        if (this.owners.get(id) instanceof RoomConnection) continue
        this.owners.set(id, origin)
        origin.awarenessIds.add(id)
      }
    } else if (origin === REMOTE) {
      for (const id of added.concat(updated)) if (!this.owners.has(id)) this.owners.set(id, REMOTE)
    }
    for (const id of removed) if (this.owners.get(id) === REMOTE) this.owners.delete(id)
    const changed = added.concat(updated, removed)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    // Only this instance's own connections are told to the others ('left': one closed); each
    // instance times out stale states itself, so a dead instance's states expire everywhere.
    if (origin instanceof RoomConnection || origin === 'left') this.host.publish(update)
    const message = encodeAwareness(update)
    // The sender hears its own state back too: stock clients count that as a sign of life.
    for (const c of this.host.connections()) c.send(message)
  }
}
