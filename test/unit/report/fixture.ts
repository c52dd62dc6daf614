import { exportSvg } from '../../../shared/exchange/svg-export'
import { computeProfile, permutationBaseline } from '../../../shared/metrics'
import { scoredEvents } from '../../../shared/metrics/scored-events'
import type { PulseAnswer } from '../../../shared/metrics/types'
import { contributions } from '../../../shared/report/contributions'
import { pulseDistribution } from '../../../shared/report/pulse-distribution'
import type { ReportData, ReportPerson } from '../../../shared/report/report-data'
import { uptakeNetwork } from '../../../shared/report/uptake-network'
import { groupOf, type Role } from '../../../shared/roles'
import { BoardScript, s } from '../metrics/board-script'

export const ROLES: Record<string, Role> = { b1: 'brand', b2: 'brand', u1: 'customer', u2: 'customer', f1: 'facilitator' }
export const NAMES: Record<string, string> = { b1: 'Bea', b2: 'Bo, "the boss"', u1: '=Carl', u2: 'Uma', f1: 'Fay' }

export const personOf = (id: string): ReportPerson => {
  const role = ROLES[id] ?? 'viewer'
  return { id, name: NAMES[id] ?? null, role, group: groupOf(role) }
}

/**
 * metrics.md's worked example (t 1–7 s), then: t8 u1 relabels A (last touched by b1 at t1),
 * t9 u1 links B → A (B last touched by b1's relabel at t4, A by u1 itself at t8), t10 the
 * facilitator adds a concept D (in no group).
 */
export function extendedExample(): BoardScript {
  const b = new BoardScript(ROLES)
  b.at(s(1), 'b1').concept('A', 'Delivery').done()
  b.at(s(2), 'u1').concept('B', 'Trust').done()
  b.at(s(3), 'u1').link('L1', 'A', 'B', 'builds').done()
  b.at(s(4), 'b1').relabel('B', 'Customer trust').done()
  b.at(s(5), 'b2').concept('C', 'Price').done()
  b.at(s(6), 'b2').link('L2', 'A', 'C', 'affects').done()
  b.at(s(7), 'u1').move('C').done()
  b.at(s(8), 'u1').relabel('A', 'Fast delivery').done()
  b.at(s(9), 'u1').link('L3', 'B', 'A', 'expects').done()
  b.at(s(10), 'f1').concept('D', 'Agenda').done()
  return b
}

export const PULSES: PulseAnswer[] = [
  { participantId: 'b1', role: 'brand', session: 's', at: s(10), understood: 4, learned: 5 },
  // replaces b1's first set: learned is now refused
  { participantId: 'b1', role: 'brand', session: 's', at: s(20), understood: 2 },
  { participantId: 'b2', role: 'brand', session: 's', at: s(21), understood: 7, represents: 3 },
  { participantId: 'u1', role: 'customer', session: 's', at: s(22), understood: 5, learned: 3, represents: 1 },
  { participantId: 'f1', role: 'facilitator', session: 's', at: s(23), understood: 5 },
  // after T
  { participantId: 'u1', role: 'customer', session: 's', at: s(100), understood: 1 }
]

/** A whole ReportData for the extended example as of T = 50 s, assembled as the server does. */
export function reportFixture(overrides: Partial<ReportData> = {}): ReportData {
  const b = extendedExample()
  const T = s(50)
  const input = b.input(T, { pulses: PULSES, participants: b.participants().filter((p) => p.role !== 'facilitator') })
  const profile = computeProfile(input)
  const scored = scoredEvents(input.events, T, input.mapAt)
  const members = ['b1', 'b2', 'u1', 'u2']
  const { network, uptakeByPerson } = uptakeNetwork(scored, members)
  const counts = contributions(input.events, T, { members, personOf, uptakeByPerson })
  return {
    board: { id: 'board-1', title: 'Delivery <b>&</b> trust', focusQuestion: 'What builds trust?' },
    sessions: [],
    session: null,
    from: s(1),
    at: T,
    generatedAt: T,
    profile,
    baseline: permutationBaseline(input, { iterations: 50 }),
    timeline: [s(1), s(5), s(10)].map((at) => ({ at, source: 'sample' as const, metrics: computeProfile({ ...input, at }) })),
    people: counts.people.map((c) => c.person),
    contributions: counts,
    network,
    pulse: pulseDistribution(input.pulses ?? [], T),
    ...overrides
  }
}

/** The map's picture for `reportFixture` (GET …/report/picture draws it with the side's colours too). */
export function reportPictureFixture(): string {
  return exportSvg(extendedExample().mapAt(s(50)), { heading: false }).replace(/^<\?xml[^>]*\?>\s*/, '').trim()
}
