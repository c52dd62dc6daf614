import { describe, expect, it } from 'vitest'
import { RebuildGuard, type RebuildRules } from '../../../server/sync/rebuild-guard'
import type { Participant } from '../../../server/sync/sync-socket'

const rule = (strikes: number) => ({ strikes, windowMs: 1000, banMs: 5000 })
const RULES: RebuildRules = { participant: rule(3), invite: rule(4), address: rule(3), board: rule(10) }
const person = (id: string, invite: string | null, address: string | null): Participant => ({ id, role: 'customer', name: null, invite, address })

describe('RebuildGuard', () => {
  it('counts per participant, per invite and per address, and refuses each key once it reaches its strikes', () => {
    let now = 0
    const guard = new RebuildGuard(RULES, () => now)
    const a = person('a', 'link', '203.0.113.5')
    expect(guard.strike('b1', a)).toBeNull()
    expect(guard.strike('b1', person('b', 'link', '198.51.100.7'))).toBeNull()
    expect(guard.strike('b1', person('c', 'link', '198.51.100.8'))).toBeNull()
    // The fourth from the link refuses it: a new person of it is turned away, on this board only.
    expect(guard.strike('b1', person('d', 'link', '198.51.100.9'))).toBeNull()
    expect(guard.refused('b1', person('e', 'link', '192.0.2.1'))).toBe(true)
    expect(guard.refused('b2', person('e', 'link', '192.0.2.1'))).toBe(false)
    expect(guard.refused('b1', person('f', 'other', '192.0.2.1'))).toBe(false)
    // Three from one address refuse it everywhere, whoever it claims to be; the match closes its connections.
    guard.strike('b2', person('x', 'i1', '203.0.113.5'))
    const match = guard.strike('b3', person('y', 'i2', '203.0.113.5'))
    expect(match).not.toBeNull()
    expect(match!(person('z', 'i9', '203.0.113.5'))).toBe(true)
    expect(match!(person('z', 'i9', '192.0.2.1'))).toBe(false)
    expect(guard.refused('b9', person('new', null, '203.0.113.5'))).toBe(true)
    now += 5000
    expect(guard.refused('b9', person('new', null, '203.0.113.5'))).toBe(false)
  })

  it('past a board’s budget, the next sender is refused at once by every key', () => {
    const guard = new RebuildGuard({ ...RULES, board: rule(2) }, () => 0)
    expect(guard.strike('b', person('p1', 'i1', null))).toBeNull()
    const match = guard.strike('b', person('p2', 'i2', null))
    expect(match!(person('p2', 'i2', null))).toBe(true)
    expect(guard.refused('b', person('p3', 'i2', null))).toBe(true)
    expect(guard.strike('b', person('p4', 'i4', null))).not.toBeNull()
  })
})
