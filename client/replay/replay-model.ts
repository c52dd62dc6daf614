import type { HistoryEvent } from '../../shared/api/history'
import { groupOf, type Group, type Role } from '../../shared/roles'

/** What the replay page works on: the history endpoint's events, and what follows from them. Pure. */

export type ReplayRole = Role

/** One event of the history endpoint, as the page plays it. */
export type ReplayEvent = HistoryEvent

const CONTENT = new Set<ReplayEvent['kind']>(['create', 'relabel', 'reconnect', 'delete'])

/** Index of the last event at or before `t` (-1 when none): the events are in time order. */
export function lastIndexAt(events: readonly ReplayEvent[], t: number): number {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (events[mid]!.at <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** The moment to show for "previous event" / "next event" from moment `t`. */
export function stepMoment(events: readonly ReplayEvent[], t: number, direction: -1 | 1, start: number): number {
  const i = lastIndexAt(events, t)
  if (direction === 1) {
    // The next event with a later time (events of one update share theirs).
    for (let j = i + 1; j < events.length; j++) if (events[j]!.at > t) return events[j]!.at
    return t
  }
  const current = i >= 0 ? events[i]!.at : start
  for (let j = i; j >= 0; j--) if (events[j]!.at < current) return events[j]!.at
  return start
}

const key = (type: string, id: string) => `${type}:${id}`

/** Who created each element present at `t` (the author of its latest create at or before `t`). */
export function creatorsAt(events: readonly ReplayEvent[], t: number): Map<string, ReplayEvent['participant']> {
  const out = new Map<string, ReplayEvent['participant']>()
  for (const e of events) {
    if (e.at > t) break
    if (e.kind === 'create') out.set(key(e.element.type, e.element.id), e.participant)
  }
  return out
}

export const elementKey = key

/**
 * The events that build on the other side's ideas (metrics.md "uptake"): by a brand or customer
 * member, a relabel, reconnect or delete of an element whose last content event was by the other
 * group, or a link created onto a concept whose last content event was by the other group. The
 * history restarts at each create. Returns their event numbers.
 */
export function uptakeEvents(events: readonly ReplayEvent[]): Set<number> {
  const last = new Map<string, Group | null>()
  const out = new Set<number>()
  for (const e of events) {
    const g = groupOf(e.participant.role)
    if (g === null || !CONTENT.has(e.kind)) continue
    const k = key(e.element.type, e.element.id)
    let took = false
    if (e.kind === 'create') {
      if (e.element.type === 'link') {
        for (const end of [e.element.from, e.element.to]) {
          const other = end === undefined ? undefined : last.get(key('concept', end))
          if (other && other !== g) took = true
        }
      }
      last.set(k, g)
    } else {
      const other = last.get(k)
      if (other && other !== g) took = true
      last.set(k, g)
    }
    if (took) out.add(e.seq)
  }
  return out
}

/** Elements touched by events in a set, up to `t`: where the map shows uptake. */
export function touchedBy(events: readonly ReplayEvent[], seqs: ReadonlySet<number>, t: number): Set<string> {
  const out = new Set<string>()
  for (const e of events) {
    if (e.at > t) break
    if (seqs.has(e.seq) && e.kind !== 'delete') out.add(key(e.element.type, e.element.id))
  }
  return out
}

/** Participants in order of first appearance, for a legend and a "highlight" choice. */
export function participantsOf(events: readonly ReplayEvent[]): Array<ReplayEvent['participant']> {
  const seen = new Map<string, ReplayEvent['participant']>()
  for (const e of events) if (!seen.has(e.participant.id)) seen.set(e.participant.id, e.participant)
  return [...seen.values()]
}

/** What the map held before the first event listed (a session starting mid-board). */
export interface KnownElements {
  concepts: ReadonlyArray<{ id: string; label: string }>
  links: ReadonlyArray<{ id: string; from: string; to: string; label: string }>
}

/** A link's end, or what a line is about: the concept by its label, when it is known. */
const quote = (label: string | undefined) => (label ? `“${label}”` : 'a concept')
const concept = (label: string | undefined) => (label ? `concept “${label}”` : 'a concept')

/**
 * One line per event, in order ("Bea (brand) deleted concept “Trust”", "… created link “builds”
 * from “Delivery” to “Trust”"): plain text, never markup. Names come from the events before (and
 * what `known` held at the start), so a deletion says what was deleted and a link what it joins.
 */
export function describeEvents(events: readonly ReplayEvent[], known: KnownElements | null = null): string[] {
  const concepts = new Map<string, string>((known?.concepts ?? []).map((c) => [c.id, c.label]))
  const links = new Map<string, { from?: string; to?: string; label?: string }>((known?.links ?? []).map((l) => [l.id, l]))
  const ends = (l: { from?: string; to?: string }) => `from ${quote(l.from && concepts.get(l.from))} to ${quote(l.to && concepts.get(l.to))}`
  return events.map((e) => {
    const who = `${e.participant.name ?? 'Someone'} (${e.participant.role})`
    const el = e.element
    if (el.type === 'concept') {
      const before = concepts.get(el.id)
      if (e.kind === 'delete') concepts.delete(el.id)
      else if (el.label !== undefined) concepts.set(el.id, el.label)
      switch (e.kind) {
        case 'create':
          return `${who} created ${concept(el.label)}`
        case 'relabel':
          return `${who} renamed ${concept(before)} to “${el.label ?? ''}”`
        case 'delete':
          return `${who} deleted ${concept(before)}`
        default:
          return `${who} ${e.kind === 'move' ? 'moved' : 'restyled'} ${concept(concepts.get(el.id) ?? el.label)}`
      }
    }
    const before = links.get(el.id)
    const now = { from: el.from ?? before?.from, to: el.to ?? before?.to, label: el.label ?? before?.label }
    if (e.kind === 'delete') links.delete(el.id)
    else links.set(el.id, now)
    const phrase = (label: string | undefined) => (label ? `link “${label}”` : 'a link')
    switch (e.kind) {
      case 'create':
        return `${who} created ${phrase(now.label)} ${ends(now)}`
      case 'relabel':
        return `${who} renamed ${phrase(before?.label)} ${ends(now)} to “${now.label ?? ''}”`
      case 'reconnect':
        return `${who} reconnected ${phrase(now.label)}: now ${ends(now)}`
      case 'delete':
        return `${who} deleted ${phrase(before?.label)} ${ends(before ?? {})}`
      default:
        return `${who} ${e.kind === 'move' ? 'moved' : 'restyled'} ${phrase(now.label)} ${ends(now)}`
    }
  })
}

/** The playhead after `elapsedMs` of real time at `speed`, clamped to the timeline. */
export function advance(t: number, elapsedMs: number, speed: number, end: number): number {
  return Math.min(end, t + elapsedMs * speed)
}
