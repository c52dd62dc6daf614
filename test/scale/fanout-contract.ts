import { afterEach, describe, expect, it } from 'vitest'
import type { BoardFanout, ControlMessage, FanoutHandlers } from '../../server/sync/board-fanout'
import type { JournalEntry } from '../../server/sync/journal-port'
import { waitFor } from '../support/clients'

/** Instances of one fan-out over one transport, fresh per test (nothing heard from other tests). */
export interface FanoutFixture {
  /** One more instance's fan-out, connected. */
  instance(): Promise<BoardFanout>
  /** Closes whatever instances are left and releases the transport. */
  dispose(): Promise<void>
}

/** A room's handlers for one board on one instance, and what they heard. */
function board(options: { throwOnEntry?: boolean } = {}) {
  const heard = { entries: [] as JournalEntry[], awareness: [] as number[][], queries: 0, catchUps: 0 }
  const handlers: FanoutHandlers = {
    entry(entry) {
      heard.entries.push(entry)
      if (options.throwOnEntry) throw new Error('a room failed on this entry')
    },
    awareness: (update) => heard.awareness.push([...update]),
    awarenessQuery: () => heard.queries++,
    catchUp: async () => {
      heard.catchUps++
    }
  }
  return { heard, handlers }
}

/** Joins `boardId` and waits until the instance hears it: it asks the room to catch up then (what came before may be missed). */
async function joined(fanout: BoardFanout, boardId: string, options?: { throwOnEntry?: boolean }) {
  const b = board(options)
  const channel = fanout.join(boardId, b.handlers)
  await waitFor(() => b.heard.catchUps > 0, 5000, `${boardId} joined`)
  return { ...b, channel }
}

const entry = (seq: number, bytes: number[]): JournalEntry => ({ seq, at: 1_700_000_000_000 + seq, participantId: `participant-${seq}`, update: new Uint8Array(bytes) })
/** An entry as plain data (the transport may hand back a Buffer for the update). */
const plain = (e: JournalEntry) => ({ seq: e.seq, at: e.at, participantId: e.participantId, update: [...e.update] })

/**
 * What every BoardFanout that shares boards between instances must do (see server/sync/board-fanout):
 * the Redis fan-out (test/scale/redis-fanout.test.ts) and the in-memory one the sync core's tests use
 * (test/support/memory-fanout.ts, test/unit/scale/memory-fanout.test.ts) run it unchanged. "Never"
 * is checked with a later message the same instance does hear: a transport delivers one publisher's
 * messages to one instance in order, and a message published after another was heard comes after it.
 */
export function fanoutContract(name: string, makeFixture: () => Promise<FanoutFixture>): void {
  describe(`${name}: fan-out contract`, () => {
    let fixture: FanoutFixture | null = null
    const instances = async (n: number) => {
      fixture = await makeFixture()
      const made: BoardFanout[] = []
      for (let i = 0; i < n; i++) made.push(await fixture.instance())
      return made
    }
    afterEach(async () => {
      await fixture?.dispose()
      fixture = null
    })

    it('shares boards between instances', async () => {
      const [a] = await instances(1)
      expect(a!.shared).toBe(true)
    })

    it('an entry reaches the other instances on its board intact, and neither its publisher nor another board', async () => {
      const [a, b, c] = await instances(3)
      const onA = await joined(a!, 'b1')
      const onB = await joined(b!, 'b1')
      const otherBoard = await joined(c!, 'b2')
      const sent = entry(7, [1, 2, 3, 250])
      onA.channel.publishEntry(sent)
      await waitFor(() => onB.heard.entries.length === 1, 5000, 'the entry on b')
      expect(onB.heard.entries.map(plain)).toEqual([plain(sent)])
      // Published after it by the same instance, on c's board: c would have heard the first by now.
      a!.join('b2', board().handlers).publishEntry(entry(8, [8]))
      await waitFor(() => otherBoard.heard.entries.length === 1, 5000, 'the entry on c')
      expect(otherBoard.heard.entries.map((e) => e.seq)).toEqual([8])
      // b answers after hearing it: a would have heard its own entry before b's.
      onB.channel.publishEntry(entry(9, [9]))
      await waitFor(() => onA.heard.entries.length === 1, 5000, "b's entry on a")
      expect(onA.heard.entries.map((e) => e.seq)).toEqual([9])
    })

    it("presence crosses to the board's other instances, and a joiner asks the others who is present", async () => {
      const [a, b] = await instances(2)
      const onA = await joined(a!, 'b1')
      const onB = await joined(b!, 'b1')
      await waitFor(() => onA.heard.queries === 1, 5000, "b's awareness query on a")
      onB.channel.publishAwareness(new Uint8Array([5, 6, 7]))
      await waitFor(() => onA.heard.awareness.length === 1, 5000, 'awareness on a')
      expect(onA.heard.awareness).toEqual([[5, 6, 7]])
      // a answers the query: b hears the answer, and neither its own query nor its own presence.
      onA.channel.publishAwareness(new Uint8Array([1]))
      await waitFor(() => onB.heard.awareness.length === 1, 5000, 'awareness on b')
      expect(onB.heard.awareness).toEqual([[1]])
      expect(onB.heard.queries).toBe(0)
    })

    it('a control message reaches every other instance, on the board or not, and never its sender', async () => {
      const [a, b, c] = await instances(3)
      const heard = new Map<BoardFanout, ControlMessage[]>([a!, b!, c!].map((f) => [f, []]))
      for (const [f, list] of heard) f.onControl((m) => list.push(m))
      // Control messages need no board: c has joined none. Joining one here only waits until a and b are subscribed.
      await joined(a!, 'b1')
      await joined(b!, 'b1')
      const lock: ControlMessage = { kind: 'lock', boardId: 'b1', locked: true }
      const eject: ControlMessage = { kind: 'eject', boardId: 'b1', participantIds: ['p1', 'p2'], code: 4401, reason: 'access revoked' }
      a!.publishControl(lock)
      a!.publishControl(eject)
      await waitFor(() => heard.get(b!)!.length === 2 && heard.get(c!)!.length === 2, 5000, 'control on b and c')
      expect(heard.get(b!)).toEqual([lock, eject])
      expect(heard.get(c!)).toEqual([lock, eject])
      const ended: ControlMessage = { kind: 'session-ended', boardId: 'b1', sessionId: 's1' }
      b!.publishControl(ended)
      await waitFor(() => heard.get(a!)!.length === 1, 5000, "b's control on a")
      expect(heard.get(a!)).toEqual([ended])
    })

    it('a closed channel hears nothing more of its board; the instance still hears its other boards', async () => {
      const [a, b] = await instances(2)
      const publisher = await joined(a!, 'b1')
      const left = await joined(b!, 'b1')
      const stays = await joined(b!, 'b3')
      left.channel.close()
      publisher.channel.publishEntry(entry(1, [1]))
      a!.join('b3', board().handlers).publishEntry(entry(2, [2]))
      await waitFor(() => stays.heard.entries.length === 1, 5000, 'the entry on b3')
      expect(left.heard.entries).toEqual([])
    })

    it("a room's handler that throws costs only that message: the instance goes on hearing", async () => {
      const [a, b] = await instances(2)
      const publisher = await joined(a!, 'b1')
      const failing = await joined(b!, 'b1', { throwOnEntry: true })
      const fine = await joined(b!, 'b2')
      publisher.channel.publishEntry(entry(1, [1]))
      a!.join('b2', board().handlers).publishEntry(entry(2, [2]))
      await waitFor(() => fine.heard.entries.length === 1, 5000, 'the entry on b2')
      expect(failing.heard.entries.map((e) => e.seq)).toEqual([1])
      publisher.channel.publishEntry(entry(3, [3]))
      await waitFor(() => failing.heard.entries.length === 2, 5000, 'the next entry on b1')
    })

    it('a closed instance leaves the others hearing each other', async () => {
      const [a, b, c] = await instances(3)
      const onA = await joined(a!, 'b1')
      await joined(b!, 'b1')
      const onC = await joined(c!, 'b1')
      await b!.close()
      onA.channel.publishEntry(entry(1, [1]))
      await waitFor(() => onC.heard.entries.length === 1, 5000, 'the entry on c')
      expect(onC.heard.entries.map((e) => e.seq)).toEqual([1])
    })
  })
}
