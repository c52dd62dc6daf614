import { PULSE_ITEMS, type PulseItem } from '../metrics/pulse'
import type { PulseAnswer } from '../metrics/types'
import { groupOf, type Group } from '../roles'

/** Answers to one item from one group: how many gave 1, 2, 3, 4, 5, and how many left it out. */
export interface PulseTally {
  /** counts[v − 1] = answers of value v. */
  counts: [number, number, number, number, number]
  refused: number
}

export type PulseDistribution = Record<PulseItem, Record<Group, PulseTally>>

const tally = (): PulseTally => ({ counts: [0, 0, 0, 0, 0], refused: 0 })

/**
 * Pulse answers per item and group, counted from the same answer sets the profile's pulse uses
 * (metrics.md 10): the last set per participant and session recorded at or before T, brand and
 * customer only. An item a set leaves out (or holds outside the integers 1–5) is "refused".
 */
export function pulseDistribution(answers: readonly PulseAnswer[], T: number): PulseDistribution {
  const latest = new Map<string, PulseAnswer>()
  for (const a of answers) {
    if (a.at !== undefined && !(a.at <= T)) continue
    if (groupOf(a.role) === null) continue
    latest.set(JSON.stringify([a.participantId, a.session ?? null]), a)
  }
  const out = Object.fromEntries(PULSE_ITEMS.map((item) => [item, { B: tally(), U: tally() }])) as PulseDistribution
  for (const a of latest.values()) {
    const group = groupOf(a.role) as Group
    for (const item of PULSE_ITEMS) {
      const v = a[item]
      const t = out[item][group]
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5) t.counts[v - 1] = (t.counts[v - 1] ?? 0) + 1
      else t.refused++
    }
  }
  return out
}
