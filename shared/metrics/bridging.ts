import type { Group } from '../roles'
import type { MetricsLink } from './types'

/** The two endpoint creators' groups of each proposition whose endpoints both have one. */
export function creatorPairs(
  P: readonly MetricsLink[],
  creatorOf: (conceptId: string) => Group | null
): Array<[Group, Group]> {
  const pairs: Array<[Group, Group]> = []
  for (const p of P) {
    const a = creatorOf(p.from)
    const b = creatorOf(p.to)
    if (a !== null && b !== null) pairs.push([a, b])
  }
  return pairs
}

/** `bridging(creatorPairs(P, creatorOf))` without the pairs in between (a timeline scores 10^4 links two dozen times). */
export function bridgingOf(P: readonly MetricsLink[], creatorOf: (conceptId: string) => Group | null): number | null {
  let external = 0
  let internal = 0
  for (const p of P) {
    const a = creatorOf(p.from)
    if (a === null) continue
    const b = creatorOf(p.to)
    if (b === null) continue
    if (a !== b) external++
    else internal++
  }
  return external + internal === 0 ? null : (external - internal) / (external + internal)
}

/**
 * 4. Krackhardt–Stern E-I index over propositions whose endpoint creators are both in B or U:
 * (E − I) / (E + I), external when the creators' groups differ; null with no such proposition.
 */
export function bridging(pairs: ReadonlyArray<readonly [Group, Group]>): number | null {
  let external = 0
  for (const [a, b] of pairs) if (a !== b) external++
  const internal = pairs.length - external
  return pairs.length === 0 ? null : (external - internal) / (external + internal)
}
