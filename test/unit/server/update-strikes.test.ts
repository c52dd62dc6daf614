import { describe, expect, it } from 'vitest'
import { StrikeCounter } from '../../../server/sync/update-strikes'

describe('StrikeCounter', () => {
  const rules = { strikes: 3, windowMs: 1000, banMs: 5000 }

  it('bans on the third strike within the window, for banMs', () => {
    let t = 0
    const s = new StrikeCounter(rules, () => t)
    expect(s.strike('a')).toBe(false)
    t = 400
    expect(s.strike('a')).toBe(false)
    expect(s.banned('a')).toBe(false)
    t = 900
    expect(s.strike('a')).toBe(true)
    expect(s.banned('a')).toBe(true)
    expect(s.banned('b')).toBe(false)
    t = 5899
    expect(s.banned('a')).toBe(true)
    t = 5900
    expect(s.banned('a')).toBe(false)
  })

  it('forgets strikes older than the window', () => {
    let t = 0
    const s = new StrikeCounter(rules, () => t)
    s.strike('a')
    t = 600
    s.strike('a')
    t = 1100 // the first one has expired
    expect(s.strike('a')).toBe(false)
    t = 1500
    expect(s.strike('a')).toBe(true)
  })
})
