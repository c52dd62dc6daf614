import type { BoardEvent, ElementEventKind, ElementType } from '../events/element-event'
import { compareBoardEvents, isContentKind } from '../events/element-event'
import { groupOf } from '../roles'
import type { Group } from '../roles'
import type { BoardMap } from '../schema/board-map'

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
export function scoredEvents(events: readonly BoardEvent[], T: number, mapAt: (t: number) => BoardMap): ScoredEvent[] {
  const linksAt = memoLinksAt(mapAt)
  const out: ScoredEvent[] = []
  for (const e of events) {
    if (!(e.at <= T)) continue
    const group = groupOf(e.role)
    if (group === null) continue
    let from: string | null = null
    let to: string | null = null
    if (e.elementType === 'link' && (e.kind === 'create' || e.kind === 'reconnect')) {
      if (e.from !== undefined || e.to !== undefined) {
        from = e.from ?? null
        to = e.to ?? null
      } else {
        const link = linksAt(e.at).get(e.elementId)
        from = link?.from ?? null
        to = link?.to ?? null
      }
    }
    out.push({
      seq: e.seq,
      at: e.at,
      participantId: e.participantId,
      group,
      kind: e.kind,
      elementType: e.elementType,
      elementId: e.elementId,
      content: isContentKind(e.kind),
      from,
      to
    })
  }
  if (!isSorted(out)) out.sort(compareBoardEvents)
  return out
}

function isSorted(events: readonly ScoredEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if (compareBoardEvents(events[i - 1] as ScoredEvent, events[i] as ScoredEvent) > 0) return false
  }
  return true
}

function memoLinksAt(mapAt: (t: number) => BoardMap) {
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
