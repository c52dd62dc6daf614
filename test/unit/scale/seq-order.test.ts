import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../server/store/journal'
import { SeqOrder, type InSeqOrder } from '../../../server/sync/seq-order'
import { SerialQueue } from '../../../server/sync/serial-queue'
import { ManualClock } from '../../support/manual-clock'

/**
 * A room's view of one board's journal shared with other instances: `journal` holds every committed
 * entry (seq i+1 at index i); the room records what it applied, what it advanced over (its own
 * entries, already in its document, and those it applied), and in which order.
 */
function harness(journal: JournalEntry[]) {
  const queue = new SerialQueue()
  // A gap's grace (100 ms) passes when a test moves this clock on, not in real time.
  const clock = new ManualClock()
  const applied: number[] = []
  const advanced: number[] = []
  let reads = 0
  let failReads = 0
  const room: InSeqOrder = {
    integrate(entry) {
      applied.push(entry.seq)
      return true
    },
    advance(entry) {
      if (entry.seq !== (advanced.at(-1) ?? 0) + 1) throw new Error(`advanced to ${entry.seq} after ${advanced.at(-1) ?? 0}`)
      advanced.push(entry.seq)
    }
  }
  const source = {
    async read(afterSeq: number, limit: number) {
      reads++
      if (failReads > 0) {
        failReads--
        throw new Error('database unreachable')
      }
      return journal.filter((e) => e.seq > afterSeq).slice(0, limit)
    }
  }
  const order = new SeqOrder({ lastSeq: 0, journal: source, queue, clock, warn() {} }, room)
  return {
    order,
    queue,
    clock,
    applied,
    advanced,
    get lastSeq() {
      return order.lastSeq
    },
    get reads() {
      return reads
    },
    failNextReads(n: number) {
      failReads = n
    }
  }
}

const entry = (seq: number): JournalEntry => ({ seq, at: 1000 + seq, participantId: `p${seq}`, update: new Uint8Array([seq]) })
const journalOf = (n: number) => Array.from({ length: n }, (_, i) => entry(i + 1))

describe('SeqOrder: entries from several instances, applied in seq order', () => {
  it('applies entries heard in order at once, without reading the journal', () => {
    const h = harness(journalOf(3))
    for (const seq of [1, 2, 3]) h.order.heard(entry(seq))
    expect(h.applied).toEqual([1, 2, 3])
    expect(h.reads).toBe(0)
  })

  it('ignores duplicates and entries it already has', () => {
    const h = harness(journalOf(2))
    h.order.heard(entry(1))
    h.order.heard(entry(1))
    h.order.committed(entry(2))
    h.order.heard(entry(2))
    expect(h.applied).toEqual([1])
    expect(h.advanced).toEqual([1, 2])
  })

  it('holds an entry past a gap until the missing one arrives, then applies both in order', () => {
    const h = harness(journalOf(3))
    h.order.heard(entry(1))
    h.order.heard(entry(3))
    expect(h.applied).toEqual([1])
    h.order.heard(entry(2))
    expect(h.applied).toEqual([1, 2, 3])
    expect(h.reads).toBe(0)
  })

  it('its own commit past a gap waits (already applied), and the late remote entry is applied before it advances', () => {
    const h = harness(journalOf(4))
    h.order.heard(entry(1))
    h.order.committed(entry(3))
    expect(h.order.ahead).toBe(true)
    expect(h.lastSeq).toBe(1)
    h.order.heard(entry(2))
    expect(h.applied).toEqual([1, 2])
    expect(h.advanced).toEqual([1, 2, 3])
    expect(h.order.ahead).toBe(false)
  })

  it('reads the journal for a gap nobody fills (a lost message), in order and without applying its own entries twice', async () => {
    const h = harness(journalOf(5))
    h.order.committed(entry(1))
    // 2 and 3 were lost; 4 is its own, 5 is heard.
    h.order.committed(entry(4))
    h.order.heard(entry(5))
    // The fan-out has the grace to fill the gap: no read before it is up.
    h.clock.advance(99)
    await h.queue.whenIdle()
    expect(h.reads).toBe(0)
    h.clock.advance(1)
    await h.queue.whenIdle()
    expect(h.lastSeq).toBe(5)
    expect(h.advanced).toEqual([1, 2, 3, 4, 5])
    expect(h.applied).toEqual([2, 3, 5])
    expect(h.reads).toBe(1)
    expect(h.order.ahead).toBe(false)
  })

  it('catches up in pages and from scratch (a poll while Redis is down)', async () => {
    const h = harness(journalOf(1234))
    h.queue.enqueue(() => h.order.catchUp())
    await h.queue.whenIdle()
    expect(h.lastSeq).toBe(1234)
    expect(h.applied).toEqual(journalOf(1234).map((e) => e.seq))
    expect(h.reads).toBe(3)
  })

  it('retries a failed journal read while a gap remains', async () => {
    const h = harness(journalOf(3))
    h.failNextReads(1)
    h.order.heard(entry(3))
    h.clock.advance(100)
    await h.queue.whenIdle()
    expect(h.reads).toBe(1)
    expect(h.lastSeq).toBe(0)
    // The gap remains: another grace, another read.
    h.clock.advance(100)
    await h.queue.whenIdle()
    expect(h.lastSeq).toBe(3)
    expect(h.applied).toEqual([1, 2, 3])
    expect(h.reads).toBe(2)
  })
})

describe('SeqOrder: catch-up requests', () => {
  it('keeps at most one catch-up waiting behind the one reading', async () => {
    const h = harness(journalOf(3))
    // The first starts at once (the queue is idle); the other nine make one more, not nine.
    for (let i = 0; i < 10; i++) h.order.requestCatchUp()
    await h.queue.whenIdle()
    expect(h.reads).toBe(2)
    expect(h.lastSeq).toBe(3)
    h.order.requestCatchUp()
    await h.queue.whenIdle()
    expect(h.reads).toBe(3)
  })
})
