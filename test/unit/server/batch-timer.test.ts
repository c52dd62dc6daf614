import { describe, expect, it } from 'vitest'
import { BatchTimer } from '../../../server/batch-timer'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('BatchTimer', () => {
  it('runs each requested task once, one delay after the first request', async () => {
    const timer = new BatchTimer(20)
    const runs: string[] = []
    const a = () => runs.push('a')
    const b = () => runs.push('b')
    const started = performance.now()
    timer.request(a)
    timer.request(b)
    timer.request(a)
    await sleep(5)
    expect(runs).toEqual([])
    await sleep(40)
    expect(runs.sort()).toEqual(['a', 'b'])
    expect(performance.now() - started).toBeGreaterThanOrEqual(19)
    timer.request(a)
    await sleep(40)
    expect(runs.sort()).toEqual(['a', 'a', 'b'])
  })

  it('does not run a task taken back', async () => {
    const timer = new BatchTimer(10)
    let ran = false
    const task = () => {
      ran = true
    }
    timer.request(task)
    timer.cancel(task)
    await sleep(30)
    expect(ran).toBe(false)
  })

  it('runs a large tick a few tasks per turn, so that other events get in between', async () => {
    const timer = new BatchTimer(5)
    const order: string[] = []
    for (let i = 0; i < 100; i++) {
      timer.request(() => {
        // The first task lets another event in: without turns it would wait for all 100.
        if (i === 0) setImmediate(() => order.push('other'))
        order.push(`task ${i}`)
      })
    }
    await sleep(40)
    expect(order.filter((o) => o.startsWith('task'))).toHaveLength(100)
    const other = order.indexOf('other')
    expect(other).toBeGreaterThan(0)
    expect(other).toBeLessThan(100)
  })

  it('skips a task taken back while its tick is under way', async () => {
    const timer = new BatchTimer(5)
    let lateRan = false
    const late = () => {
      lateRan = true
    }
    const tasks = Array.from({ length: 40 }, (_, i) => () => {
      if (i === 0) timer.cancel(late)
    })
    for (const t of tasks) timer.request(t)
    timer.request(late)
    await sleep(30)
    expect(lateRan).toBe(false)
  })
})
