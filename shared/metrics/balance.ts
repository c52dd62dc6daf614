import type { ScoredEvent } from './scored-events'

export interface GroupCounts {
  B: number
  U: number
}

/** n_B, n_U: content events by each group. */
export function contentCounts(events: readonly ScoredEvent[]): GroupCounts {
  const counts: GroupCounts = { B: 0, U: 0 }
  for (const e of events) if (e.content) counts[e.group]++
  return counts
}

/** 1. balance = 1 − |n_B − n_U| / (n_B + n_U); null with no content events. */
export function balance({ B, U }: GroupCounts): number | null {
  const total = B + U
  if (total === 0) return null
  return 1 - Math.abs(B - U) / total
}
