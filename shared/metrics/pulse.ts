import { groupOf } from '../roles'
import { mean } from './arithmetic'
import type { MetricsProfile, PulseAnswer, PulseItemSummary } from './types'

export const PULSE_ITEMS = ['understood', 'learned', 'represents'] as const
export type PulseItem = (typeof PULSE_ITEMS)[number]

const validItem = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5

/**
 * 10. pulse. Keeps the last answer set per (participant, session) among those recorded at or
 * before T (an answer without `at` always counts); a later set replaces the whole earlier one, so
 * an item it omits is omitted. Only brand and customer answers count. Per item: the mean for B,
 * for U, the overall mean over all B and U answers pooled, and the answer count per group.
 */
export function pulse(answers: readonly PulseAnswer[], T: number): MetricsProfile['pulse'] {
  const latest = new Map<string, PulseAnswer>()
  for (const a of answers) {
    if (a.at !== undefined && !(a.at <= T)) continue
    if (groupOf(a.role) === null) continue
    latest.set(JSON.stringify([a.participantId, a.session ?? null]), a)
  }
  const summarize = (item: PulseItem): PulseItemSummary => {
    const B: number[] = []
    const U: number[] = []
    for (const a of latest.values()) {
      const v = a[item]
      if (!validItem(v)) continue
      ;(groupOf(a.role) === 'B' ? B : U).push(v)
    }
    return {
      brand: mean(B),
      customer: mean(U),
      overall: mean([...B, ...U]),
      count: { brand: B.length, customer: U.length }
    }
  }
  return { understood: summarize('understood'), learned: summarize('learned'), represents: summarize('represents') }
}
