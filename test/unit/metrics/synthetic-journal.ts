import type { BoardEvent } from '../../../shared/events/element-event'
import { mulberry32 } from '../../../shared/metrics/prng'
import type { MetricsInput, MetricsParticipant } from '../../../shared/metrics/types'
import type { Role } from '../../../shared/roles'
import type { BoardMap, Concept, Link } from '../../../shared/schema/board-map'

/**
 * A large random but consistent journal (creates, relabels, reconnects, deletes, recreates,
 * moves; several events per update) with a `mapAt` that replays it, for scale checks. With
 * `sameMsShare`, that share of updates is accepted in the same millisecond as the one before.
 */
export function syntheticJournal(eventCount: number, seed = 1, options: { sameMsShare?: number } = {}): MetricsInput {
  const random = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const roles: Role[] = ['brand', 'customer', 'facilitator']
  const participants: MetricsParticipant[] = Array.from({ length: 60 }, (_, i) => ({
    id: `p${i}`,
    role: i < 58 ? (roles[i % 2] as Role) : 'facilitator',
    firstConnectedAt: i * 1000
  }))
  const concepts = new Map<string, Concept>()
  const links = new Map<string, Link>()
  const conceptIds: string[] = []
  const linkIds: string[] = []
  const events: BoardEvent[] = []
  let seq = 0
  let at = 1_000_000
  while (events.length < eventCount) {
    seq++
    const sameMs = options.sameMsShare !== undefined && random() < options.sameMsShare
    if (!sameMs) at += 1 + Math.floor(random() * 500)
    const who = pick(participants)
    const touched = new Set<string>()
    const n = 1 + Math.floor(random() * 3)
    for (let k = 0; k < n && events.length < eventCount; k++) {
      const r = random()
      const push = (kind: BoardEvent['kind'], elementType: BoardEvent['elementType'], elementId: string, from?: string, to?: string) => {
        const e: BoardEvent = { seq, at, participantId: who.id, role: who.role, kind, elementType, elementId }
        if (from !== undefined) e.from = from
        if (to !== undefined) e.to = to
        events.push(e)
      }
      if (r < 0.15 || conceptIds.length < 5) {
        const id = random() < 0.05 && conceptIds.length > 0 ? pick(conceptIds) : `c${conceptIds.length}`
        if (touched.has(id)) continue
        if (!conceptIds.includes(id)) conceptIds.push(id)
        concepts.set(id, { id, label: id, x: 0, y: 0 })
        push('create', 'concept', id)
        touched.add(id)
      } else if (r < 0.3) {
        const id = `l${linkIds.length}`
        const from = pick(conceptIds)
        const to = pick(conceptIds)
        linkIds.push(id)
        links.set(id, { id, from, to, label: 'rel' })
        push('create', 'link', id, from, to)
        touched.add(id)
      } else {
        const isLink = random() < 0.4 && linkIds.length > 0
        const id = isLink ? pick(linkIds) : pick(conceptIds)
        if (touched.has(id)) continue
        touched.add(id)
        const elementType = isLink ? 'link' : 'concept'
        const present = isLink ? links.has(id) : concepts.has(id)
        if (!present) continue
        const q = random()
        if (q < 0.05) {
          if (isLink) links.delete(id)
          else concepts.delete(id)
          push('delete', elementType, id)
        } else if (q < 0.15 && isLink) {
          const l = links.get(id) as Link
          const to = pick(conceptIds)
          links.set(id, { ...l, to })
          push('reconnect', elementType, id, l.from, to)
        } else if (q < 0.5) {
          push('relabel', elementType, id)
        } else {
          push(q < 0.6 ? 'restyle' : 'move', elementType, id)
        }
      }
    }
  }
  const T = at
  const finalMap: BoardMap = { title: '', focusQuestion: '', concepts: [...concepts.values()], links: [...links.values()] }
  const mapAt = (t: number): BoardMap => (t >= T ? finalMap : replay(events, t))
  return { at: T, events, participants, mapAt, pulses: [] }
}

/** The map at t, rebuilt from the journal (creates, reconnects and deletes are all it needs). */
function replay(events: readonly BoardEvent[], t: number): BoardMap {
  const concepts = new Map<string, Concept>()
  const links = new Map<string, Link>()
  for (const e of events) {
    if (e.at > t) break
    if (e.elementType === 'concept') {
      if (e.kind === 'create') concepts.set(e.elementId, { id: e.elementId, label: e.elementId, x: 0, y: 0 })
      if (e.kind === 'delete') concepts.delete(e.elementId)
    } else {
      if (e.kind === 'create' || e.kind === 'reconnect') {
        links.set(e.elementId, { id: e.elementId, from: e.from ?? '', to: e.to ?? '', label: 'rel' })
      }
      if (e.kind === 'delete') links.delete(e.elementId)
    }
  }
  return { title: '', focusQuestion: '', concepts: [...concepts.values()], links: [...links.values()] }
}
