import { expect } from 'vitest'

/** Equal to 1e-9 (metrics.md), nulls and integers exactly, whatever the nesting. */
export function expectSame(actual: unknown, expected: unknown, path = 'profile'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9) expect.fail(`${path}: ${actual} against ${expected}`)
    return
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object')
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort())
    for (const [k, v] of Object.entries(expected)) expectSame((actual as Record<string, unknown>)[k], v, `${path}.${k}`)
    return
  }
  expect(actual, path).toBe(expected)
}
