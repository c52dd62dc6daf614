/** Null-propagating helpers: a zero denominator or a null operand gives null, never 0 or NaN. */

export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null
  return numerator / denominator
}

export function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b
}

/** Median; the mean of the two middle values for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  // A typed array sorts numerically without a comparator call per step.
  const sorted = Float64Array.from(values).sort()
  const mid = sorted.length >> 1
  if (sorted.length % 2 === 1) return sorted[mid] as number
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}
