import type { BoardChannel, BoardFanout, ControlMessage, FanoutHandlers } from '../../server/sync/board-fanout'
import type { JournalEntry } from '../../server/sync/journal-port'

type Message =
  | { kind: 'entry'; entry: JournalEntry }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'awareness-query' }

/**
 * Several instances' fan-out inside one process: the test seam for rooms sharing a board without
 * Redis (as test/support/memory-journal is for the journal). One hub stands for the pub/sub server;
 * each `instance()` is one instance's BoardFanout. It passes the same fan-out contract as the Redis
 * fan-out (test/scale/fanout-contract.ts). Messages are delivered on a later turn of the event loop,
 * in the order published, as a network would; entries and updates are copied, as bytes on a wire are.
 */
export class MemoryFanoutHub {
  private readonly instances = new Set<MemoryFanout>()

  instance(): MemoryFanout {
    const fanout = new MemoryFanout(this)
    this.instances.add(fanout)
    return fanout
  }

  /** @internal Delivers to every instance but `from`. */
  send(from: MemoryFanout, deliver: (to: MemoryFanout) => void): void {
    const to = [...this.instances].filter((i) => i !== from)
    setImmediate(() => {
      for (const i of to) if (this.instances.has(i)) deliver(i)
    })
  }

  /** @internal */
  leave(fanout: MemoryFanout): void {
    this.instances.delete(fanout)
  }
}

export class MemoryFanout implements BoardFanout {
  readonly shared = true
  private readonly boards = new Map<string, Set<FanoutHandlers>>()
  private readonly controlListeners: Array<(message: ControlMessage) => void> = []
  private closed = false
  /** What handlers and listeners threw (the Redis fan-out logs them); each board's trouble stays its own. */
  readonly errors: unknown[] = []

  constructor(private readonly hub: MemoryFanoutHub) {}

  join(boardId: string, handlers: FanoutHandlers): BoardChannel {
    let set = this.boards.get(boardId)
    if (!set) this.boards.set(boardId, (set = new Set()))
    set.add(handlers)
    // As once subscribed to a board's channel: whoever is on the board says who is present, and the
    // joiner reads what it may have missed before.
    this.publish(boardId, { kind: 'awareness-query' })
    setImmediate(() => {
      if (this.boards.get(boardId)?.has(handlers)) handlers.catchUp().catch((err) => this.errors.push(err))
    })
    return {
      publishEntry: (entry) => this.publish(boardId, { kind: 'entry', entry: { ...entry, update: entry.update.slice() } }),
      publishAwareness: (update) => this.publish(boardId, { kind: 'awareness', update: update.slice() }),
      close: () => {
        const current = this.boards.get(boardId)
        if (current?.delete(handlers) && current.size === 0) this.boards.delete(boardId)
      }
    }
  }

  publishControl(message: ControlMessage): void {
    if (this.closed) return
    const copy = structuredClone(message)
    this.hub.send(this, (to) => to.hearControl(copy))
  }

  onControl(listener: (message: ControlMessage) => void): void {
    this.controlListeners.push(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    this.boards.clear()
    this.hub.leave(this)
  }

  private publish(boardId: string, message: Message): void {
    if (this.closed) return
    this.hub.send(this, (to) => to.hear(boardId, message))
  }

  private hear(boardId: string, message: Message): void {
    for (const h of this.boards.get(boardId) ?? []) {
      try {
        if (message.kind === 'entry') h.entry(message.entry)
        else if (message.kind === 'awareness') h.awareness(message.update)
        else h.awarenessQuery()
      } catch (err) {
        this.errors.push(err)
      }
    }
  }

  private hearControl(message: ControlMessage): void {
    for (const listener of this.controlListeners) {
      try {
        listener(message)
      } catch (err) {
        this.errors.push(err)
      }
    }
  }
}
