import { describe, expect, it } from 'vitest'
import { BatchTimer } from '../../../server/batch-timer'
import { ManualClock } from '../../support/manual-clock'

/** One turn of the event loop (a tick's later tasks run one turn at a time, on setImmediate). */
const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('BatchTimer', () => {
  it('runs each requested task once, one delay after the first request', () => {
    const clock = new ManualClock()
    const timer = new BatchTimer(20, true, clock)
    const runs: string[] = []
    const a = () => runs.push('a')
    const b = () => runs.push('b')
    timer.request(a)
    clock.advance(5)
    timer.request(b)
    timer.request(a)
    expect(clock.waiting).toBe(1)
    clock.advance(14)
    expect(runs).toEqual([])
    // Due 20 ms after the first request, not after the last.
    clock.advance(1)
    expect(runs.sort()).toEqual(['a', 'b'])
    timer.request(a)
    clock.advance(19)
    expect(runs).toHaveLength(2)
    clock.advance(1)
    expect(runs.sort()).toEqual(['a', 'a', 'b'])
  })

  it('does not run a task taken back', () => {
    const clock = new ManualClock()
    const timer = new BatchTimer(10, true, clock)
    let ran = false
    const task = () => {
      ran = true
    }
    timer.request(task)
    timer.cancel(task)
    clock.advance(30)
    expect(ran).toBe(false)
  })

  it('runs a large tick a few tasks per turn, so that other events get in between', async () => {
    const clock = new ManualClock()
    const timer = new BatchTimer(5, true, clock)
    const order: string[] = []
    for (let i = 0; i < 100; i++) {
      timer.request(() => {
        // The first task lets another event in: without turns it would wait for all 100.
        if (i === 0) setImmediate(() => order.push('other'))
        order.push(`task ${i}`)
      })
    }
    clock.advance(5)
    const ranAtOnce = order.length
    expect(ranAtOnce).toBeGreaterThan(0)
    expect(ranAtOnce).toBeLessThan(100)
    for (let i = 0; i < 100 && order.filter((o) => o.startsWith('task')).length < 100; i++) await turn()
    expect(order.filter((o) => o.startsWith('task'))).toHaveLength(100)
    const other = order.indexOf('other')
    expect(other).toBeGreaterThan(0)
    expect(other).toBeLessThan(100)
  })

  it('skips a task taken back while its tick is under way', async () => {
    const clock = new ManualClock()
    const timer = new BatchTimer(5, true, clock)
    let lateRan = false
    let ran = 0
    const late = () => {
      lateRan = true
    }
    const tasks = Array.from({ length: 40 }, (_, i) => () => {
      ran++
      if (i === 0) timer.cancel(late)
    })
    for (const t of tasks) timer.request(t)
    timer.request(late)
    clock.advance(5)
    for (let i = 0; i < 100 && ran < 40; i++) await turn()
    expect(ran).toBe(40)
    expect(lateRan).toBe(false)
  })
})
