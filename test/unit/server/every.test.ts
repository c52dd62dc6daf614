import { describe, expect, it } from 'vitest'
import { every } from '../../../server/clock'
import { ManualClock } from '../../support/manual-clock'

describe('every', () => {
  it('runs a chore once per period on the clock it is given, each run at its own due time, until stopped', () => {
    const clock = new ManualClock()
    const start = clock.now()
    const runs: number[] = []
    const chore = every(clock, 100, () => runs.push(clock.now() - start))
    clock.advance(99)
    expect(runs).toEqual([])
    clock.advance(251)
    expect(runs).toEqual([100, 200, 300])
    chore.stop()
    expect(clock.waiting).toBe(0)
    clock.advance(1000)
    expect(runs).toEqual([100, 200, 300])
  })

  it('keeps its pace when a run throws, and never spins on a zero period', () => {
    const clock = new ManualClock()
    let runs = 0
    every(clock, 0, () => {
      runs++
      throw new Error('a failing chore')
    })
    expect(() => clock.advance(1)).toThrow('a failing chore')
    expect(runs).toBe(1)
    expect(clock.waiting).toBe(1)
    expect(() => clock.advance(1)).toThrow('a failing chore')
    expect(runs).toBe(2)
  })
})
