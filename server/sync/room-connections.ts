import { KEEPALIVE_MESSAGE } from './protocol'
import type { RoomConnection } from './room-connection'
import type { Participant } from './sync-socket'

/** The connections of one board room, and what is sent to all or some of them. */
export class RoomConnections implements Iterable<RoomConnection> {
  private readonly all = new Set<RoomConnection>()

  /** `now`: the room's clock, which stamps each relay (the keepalive compares against it). */
  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.all.size
  }

  [Symbol.iterator](): Iterator<RoomConnection> {
    return this.all[Symbol.iterator]()
  }

  add(conn: RoomConnection): void {
    this.all.add(conn)
  }

  /** False if `conn` was not (or no longer) here. */
  delete(conn: RoomConnection): boolean {
    return this.all.delete(conn)
  }

  /** The participants connected now (one entry per connection). */
  participants(): Participant[] {
    return [...this.all].map((c) => c.participant)
  }

  /** A copy, so that callers may close and remove connections while going through it. */
  matching(match: (participant: Participant) => boolean = () => true): RoomConnection[] {
    return [...this.all].filter((c) => match(c.participant))
  }

  /** Sends `message` to every connection but `except`. */
  send(message: Uint8Array, except: RoomConnection | null = null): void {
    // One clock read per relay, not per connection: a workshop board relays each edit to dozens.
    const now = this.now()
    for (const c of this.all) if (c !== except) c.send(message, now)
  }

  /** Sends `message` to the connections that opted in to session events; returns how many. */
  sendSessionEvent(message: Uint8Array): number {
    let sent = 0
    for (const c of this.all) {
      if (!c.boardEvents || !c.open) continue
      c.send(message)
      sent++
    }
    return sent
  }

  /** Pokes connections that heard nothing for `quietMs`, and returns how many were poked. */
  keepAlive(now: number, quietMs: number): number {
    let poked = 0
    for (const c of this.all) {
      if (now - c.lastSentAt >= quietMs) {
        c.send(KEEPALIVE_MESSAGE)
        poked++
      }
    }
    return poked
  }
}
