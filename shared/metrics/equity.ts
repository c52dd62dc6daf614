import { groupOf } from '../roles'
import type { ScoredEvent } from './scored-events'
import type { MetricsParticipant } from './types'

/**
 * Content events per participant of equity's set: every brand or customer participant whose
 * first sync connection was accepted at or before T, with or without events. An author of a B/U
 * event is in the set even if the participant list lacks them (they must have connected).
 */
export function contributions(
  participants: readonly MetricsParticipant[],
  events: readonly ScoredEvent[],
  T: number
): Map<string, number> {
  const x = new Map<string, number>()
  for (const p of participants) {
    if (groupOf(p.role) !== null && p.firstConnectedAt <= T) x.set(p.id, 0)
  }
  for (const e of events) {
    const n = x.get(e.participantId) ?? 0
    x.set(e.participantId, e.content ? n + 1 : n)
  }
  return x
}

/**
 * 2. equity = 1 − Gini, Gini = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) (no small-sample correction);
 * null when n = 0 or x̄ = 0. The double sum is taken in O(n log n) from the sorted values:
 * Σ_i Σ_j |x_i − x_j| = 2 Σ_k (2k − n + 1) x_(k), k = 0..n−1 ascending (exact in integers).
 */
export function equity(counts: Iterable<number>): number | null {
  const x = [...counts].sort((a, b) => a - b)
  const n = x.length
  let sum = 0
  for (const v of x) sum += v
  if (n === 0 || sum === 0) return null
  let pairSum = 0
  for (let k = 0; k < n; k++) pairSum += (2 * k - n + 1) * (x[k] as number)
  pairSum *= 2
  const mean = sum / n
  return 1 - pairSum / (2 * n * n * mean)
}
