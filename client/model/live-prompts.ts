import type { LiveProfile } from '../../shared/api/live'
import { groupOf, type Group } from '../../shared/roles'

/** One `profile` event of the live stream, as the panel reads it. */
export type LiveProfileEvent = LiveProfile

export const SILENT_AFTER_MS = 5 * 60_000
const WINDOW = 20

const SIDE_NAME: Record<Group, string> = { B: 'The brand', U: 'Customers' }
/** Whose ideas a side builds on when it takes up the other's. */
const OTHER_IDEAS: Record<Group, string> = { B: 'the customers’ ideas', U: 'the brand’s ideas' }

/**
 * The sides of the latest contributions (oldest first, at most 20), folded from successive live
 * profiles: each event's growth in a person's content events is that many contributions of their
 * side. The stream does not say in which order earlier contributions came, so a window is known
 * from the first profile only when it holds 20 or fewer of them; otherwise it fills as work arrives.
 */
export class ContributionWindow {
  private last = new Map<string, number>()
  private sides: Group[] = []
  private known = false

  update(e: LiveProfileEvent): void {
    const first = this.last.size === 0 && !this.known
    let total = 0
    for (const p of e.participation) {
      const g = groupOf(p.participant.role)
      if (g === null) continue
      total += p.contentEvents
      const before = this.last.get(p.participant.id) ?? 0
      this.last.set(p.participant.id, p.contentEvents)
      if (!first) for (let i = before; i < p.contentEvents; i++) this.sides.push(g)
    }
    if (first) {
      this.known = true
      if (total <= WINDOW) {
        for (const p of e.participation) {
          const g = groupOf(p.participant.role)
          if (g !== null) for (let i = 0; i < p.contentEvents; i++) this.sides.push(g)
        }
      }
    }
    if (this.sides.length > WINDOW) this.sides = this.sides.slice(-WINDOW)
  }

  /** The window's sides, oldest first. */
  get recent(): readonly Group[] {
    return this.sides
  }
}

/**
 * Who has connected but added nothing for `silentAfterMs` as of the event: their last content event,
 * or (with none) the later of `since` (the session's start) and when the panel first saw them.
 */
export function silentPeople(e: LiveProfileEvent, firstSeen: ReadonlyMap<string, number>, since: number, silentAfterMs = SILENT_AFTER_MS): string[] {
  const out: string[] = []
  for (const p of e.participation) {
    const from = p.lastContentAt ?? Math.max(since, firstSeen.get(p.participant.id) ?? e.at)
    if (e.at - from >= silentAfterMs) out.push(p.participant.id)
  }
  return out
}

/**
 * Plain-words prompts for the facilitator from the live profile: who is quiet, which side is
 * carrying the work, whether anyone builds on the other side's ideas. `names` false: the
 * participant-safe version (projected), which names nobody.
 */
export function livePrompts(
  e: LiveProfileEvent,
  recent: readonly Group[],
  silent: readonly string[],
  options: { names: boolean; silentAfterMs?: number }
): string[] {
  const prompts: string[] = []
  const bySide = { B: 0, U: 0 }
  for (const p of e.participation) {
    const g = groupOf(p.participant.role)
    if (g) bySide[g] += p.contentEvents
  }
  if (recent.length >= 6) {
    const n = { B: 0, U: 0 }
    for (const g of recent) n[g]++
    for (const g of ['U', 'B'] as const) {
      if (n[g] / recent.length <= 0.3) prompts.push(`${SIDE_NAME[g]} made ${n[g]} of the last ${recent.length} contributions.`)
    }
  }
  for (const g of ['B', 'U'] as const) {
    const other = g === 'B' ? 'U' : 'B'
    const uptake = g === 'B' ? e.metrics.uptake.brand : e.metrics.uptake.customer
    if (bySide[other] > 0 && (uptake === null || uptake === 0)) prompts.push(`Nobody has built on ${OTHER_IDEAS[g]} yet.`)
  }
  if (e.metrics.commonGroundCount === 0 && e.metrics.structure.NP > 0) prompts.push('No link yet joins ideas that both sides worked on.')
  const minutes = Math.round((options.silentAfterMs ?? SILENT_AFTER_MS) / 60_000)
  const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'a while'
  if (silent.length > 0) {
    if (options.names) {
      const names = e.participation.filter((p) => silent.includes(p.participant.id)).map((p) => p.participant.name ?? 'Someone')
      prompts.push(`${listOf(names)} ${names.length === 1 ? 'has' : 'have'} not added anything for ${span}: invite them in.`)
    } else {
      prompts.push(`${silent.length} ${silent.length === 1 ? 'person has' : 'people have'} not added anything for ${span}.`)
    }
  }
  if (prompts.length === 0 && bySide.B > 0 && bySide.U > 0) prompts.push('Both sides are taking part and building on each other.')
  if (prompts.length === 0) prompts.push('Waiting for the first contributions.')
  return prompts
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/**
 * What the live view scores, in the facilitator bar's words: the stream's scope is the running
 * session, which without a started (marked) one is the stretch of work found from activity, so the
 * view must not say "session" while the bar says "No session started".
 */
export function liveScopeLine(session: string | null, markedStart: number | null, clock: (ms: number) => string): string {
  if (session === null) return 'The whole board (no session running)'
  if (markedStart === null) return 'The current stretch of work (no session started)'
  return `The running session, since ${clock(markedStart)}`
}
