import type { Group } from '../roles'
import type { MetricsMap } from './types'

/**
 * 9. novelty = concepts present at T created by U / concepts present at T created by B or U;
 * null when no present concept has a B or U creator.
 */
export function novelty(map: MetricsMap, creatorOf: (conceptId: string) => Group | null): number | null {
  let byU = 0
  let byEither = 0
  for (const c of map.concepts) {
    const g = creatorOf(c.id)
    if (g === null) continue
    byEither++
    if (g === 'U') byU++
  }
  return byEither === 0 ? null : byU / byEither
}
