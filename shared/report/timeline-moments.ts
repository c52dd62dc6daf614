/**
 * `n` evenly spaced integer moments from `from` to `to` inclusive (one when they are equal), the
 * moments at which the report samples the profile over the scope's time.
 */
export function sampleMoments(from: number, to: number, n: number): number[] {
  if (!(to > from) || n <= 1) return [to]
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(i === n - 1 ? to : Math.round(from + ((to - from) * i) / (n - 1)))
  return [...new Set(out)]
}
