import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics'
import { profilesAt } from '../../../server/history/profile-timeline'
import { s } from '../metrics/board-script'
import { PULSES, extendedExample } from './fixture'

describe('profile over time', () => {
  it('equals the profile computed as of each moment, fetching each map once', async () => {
    const b = extendedExample()
    const moments = [s(0), s(1), s(3), s(4), s(6), s(9), s(50)]
    const fetched: number[] = []
    const profiles = await profilesAt({ events: b.events, participants: b.participants(), pulses: PULSES }, moments, async (t) => {
      fetched.push(t)
      return b.mapAt(t)
    })
    expect(profiles).toEqual(moments.map((at) => computeProfile(b.input(at, { pulses: PULSES }))))
    expect(new Set(fetched).size).toBe(fetched.length)
  })
})
