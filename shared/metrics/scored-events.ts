import type { Attribution, BoardEvent, ElementEvent, ElementEventKind, ElementType } from '../events/element-event'
import { compareBoardEvents, isContentKind } from '../events/element-event'
import { groupOf } from '../roles'
import type { Group } from '../roles'
import type { MetricsMap } from './types'

/** A journal event by a B or U member, in the form every metric reads. */
export interface ScoredEvent {
  seq: number
  at: number
  participantId: string
  group: Group
  kind: ElementEventKind
  elementType: ElementType
  elementId: string
  content: boolean
  /** A link's endpoints after its `create` or `reconnect` (null for other events or unknown). */
  from: string | null
  to: string | null
}

/**
 * The events every rule looks at: by B or U members ("Only B and U count"), at or before T, in
 * journal order (seq, then the smaller id inside one update).
 *
 * A link's endpoints come from the event (`from`/`to`, which `deriveElementEvents` records). For
 * an event journaled without them, they are looked up in the map at the event's time as a
 * fallback; that is exact unless a later update in the same millisecond changed the link again.
 */
export function scoredEvents(events: readonly BoardEvent[], T: number, mapAt: (t: number) => MetricsMap): ScoredEvent[] {
  const linksAt = memoLinksAt(mapAt)
  const out: ScoredEvent[] = []
  for (const e of events) {
    if (!(e.at <= T)) continue
    const scored = scoredEvent(e, linksAt)
    if (scored !== null) out.push(scored)
  }
  if (!isSorted(out)) out.sort(compareBoardEvents)
  return out
}

/**
 * One event as the metrics read it, or null when its author is in neither group. `linksAt(t)`
 * gives the links of the map at t by id, for a link event journaled without its endpoints.
 */
export function scoredEvent(e: BoardEvent, linksAt: (t: number) => ReadonlyMap<string, { from: string; to: string }>): ScoredEvent | null {
  return scoredElementEvent(e, e, linksAt)
}

/** `scoredEvent` of an element event and the attribution of its update, without an attributed copy in between. */
export function scoredElementEvent(
  e: ElementEvent,
  by: Attribution,
  linksAt: (t: number) => ReadonlyMap<string, { from: string; to: string }>
): ScoredEvent | null {
  const group = groupOf(by.role)
  if (group === null) return null
  let from: string | null = null
  let to: string | null = null
  if (e.elementType === 'link' && (e.kind === 'create' || e.kind === 'reconnect')) {
    if (e.from !== undefined || e.to !== undefined) {
      from = e.from ?? null
      to = e.to ?? null
    } else {
      const link = linksAt(by.at).get(e.elementId)
      from = link?.from ?? null
      to = link?.to ?? null
    }
  }
  return {
    seq: by.seq,
    at: by.at,
    participantId: by.participantId,
    group,
    kind: e.kind,
    elementType: e.elementType,
    elementId: e.elementId,
    content: isContentKind(e.kind),
    from,
    to
  }
}

function isSorted(events: readonly ScoredEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if (compareBoardEvents(events[i - 1] as ScoredEvent, events[i] as ScoredEvent) > 0) return false
  }
  return true
}

/** `mapAt` reduced to links by id, each moment read once. */
export function memoLinksAt(mapAt: (t: number) => MetricsMap) {
  const cache = new Map<number, Map<string, { from: string; to: string }>>()
  return (t: number) => {
    let links = cache.get(t)
    if (links === undefined) {
      links = new Map(mapAt(t).links.map((l) => [l.id, l]))
      cache.set(t, links)
    }
    return links
  }
}
