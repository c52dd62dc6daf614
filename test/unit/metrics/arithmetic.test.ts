import { describe, expect, it } from 'vitest'
import { difference, mean, median, ratio } from '../../../shared/metrics/arithmetic'

describe('arithmetic', () => {
  it('median: odd, even (mean of the middle two), empty', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
  it('ratio and difference propagate null, a zero denominator is null', () => {
    expect(ratio(1, 0)).toBeNull()
    expect(ratio(0, 4)).toBe(0)
    expect(ratio(null, 4)).toBeNull()
    expect(difference(0.5, null)).toBeNull()
    expect(difference(0.75, 0.25)).toBe(0.5)
    expect(mean([])).toBeNull()
  })
})
