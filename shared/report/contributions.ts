import type { BoardEvent } from '../events/element-event'
import { compareIds } from '../events/element-event'
import type { Group } from '../roles'
import type { ContributionCounts, GroupContribution, PersonContribution, ReportPerson } from './report-data'

export const emptyCounts = (): ContributionCounts => ({ create: 0, relabel: 0, reconnect: 0, delete: 0, move: 0, restyle: 0, content: 0, uptake: 0 })

const GROUP_ORDER: Record<string, number> = { B: 0, U: 1, none: 2 }

/**
 * Events per person by kind, at or before T, for every author (facilitators too: the chart shows
 * who did what) and every listed member (B/U participants of the scope, also with no events), and
 * per group (B, U). `uptakeByPerson` comes from `uptakeNetwork`. People are ordered by group,
 * then most content events first, then id.
 */
export function contributions(
  events: readonly BoardEvent[],
  T: number,
  options: {
    members: Iterable<string>
    personOf: (id: string) => ReportPerson
    uptakeByPerson: ReadonlyMap<string, number>
  }
): { people: PersonContribution[]; groups: GroupContribution[] } {
  const byPerson = new Map<string, ContributionCounts>()
  const countsOf = (id: string) => {
    let c = byPerson.get(id)
    if (!c) byPerson.set(id, (c = emptyCounts()))
    return c
  }
  for (const id of options.members) countsOf(id)
  for (const e of events) {
    if (!(e.at <= T)) continue
    const c = countsOf(e.participantId)
    c[e.kind]++
    if (e.kind === 'create' || e.kind === 'relabel' || e.kind === 'reconnect' || e.kind === 'delete') c.content++
  }
  const people: PersonContribution[] = []
  for (const [id, counts] of byPerson) {
    const person = options.personOf(id)
    people.push({ person, ...counts, uptake: person.group === null ? 0 : (options.uptakeByPerson.get(id) ?? 0) })
  }
  people.sort(
    (a, b) =>
      (GROUP_ORDER[a.person.group ?? 'none'] as number) - (GROUP_ORDER[b.person.group ?? 'none'] as number) ||
      b.content - a.content ||
      compareIds(a.person.id, b.person.id)
  )
  const groups = (['B', 'U'] as Group[]).map((group): GroupContribution => {
    const total: GroupContribution = { group, people: 0, ...emptyCounts() }
    for (const p of people) {
      if (p.person.group !== group) continue
      total.people++
      for (const k of Object.keys(emptyCounts()) as Array<keyof ContributionCounts>) total[k] += p[k]
    }
    return total
  })
  return { people, groups }
}
