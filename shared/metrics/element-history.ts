import type { Group } from '../roles'
import type { ElementType } from '../events/element-event'
import type { ScoredEvent } from './scored-events'

/** Bits of a footprint (a set of groups). */
export const GROUP_BIT: Readonly<Record<Group, number>> = { B: 1, U: 2 }
export const BOTH_GROUPS = GROUP_BIT.B | GROUP_BIT.U

/**
 * One element's history since its latest `create` (metrics.md "Recreated elements"), or since the
 * beginning for an element with no `create` (imported). A new object is made at every `create`,
 * so callers may key per-incarnation data by the state object itself. Flat fields, no nested
 * objects: one replay touches every content event, and allocation dominates its cost.
 */
export interface ElementState {
  /** Author of the latest create; null for an element with no create event. */
  creatorId: string | null
  creatorGroup: Group | null
  createSeq: number | null
  createAt: number | null
  /** Groups (GROUP_BIT) of the authors of content events since the latest create. */
  footprint: number
  /** Author of the last content event so far (null before any). */
  lastId: string | null
  lastGroup: Group | null
}

export type ElementHistory = Readonly<Record<ElementType, Map<string, ElementState>>>

/** Called for each content event before it is applied, with the history as it stood just before. */
export type HistoryVisitor = (event: ScoredEvent, history: ElementHistory) => void

/**
 * Replays content events in journal order into per-element histories. Only content events change
 * a history: a move or restyle is no "content event on x".
 */
export function replayHistory(
  events: readonly ScoredEvent[],
  visitors: readonly HistoryVisitor[] = []
): ElementHistory {
  const replay = new HistoryReplay(visitors)
  for (const e of events) replay.add(e)
  return replay.history
}

/**
 * `replayHistory` one event at a time, for a profile kept up to date as events arrive (see
 * RunningProfile): feeding it a board's events in journal order leaves `history` exactly as
 * `replayHistory` of those events returns it.
 */
export class HistoryReplay {
  readonly history: ElementHistory = { concept: new Map(), link: new Map() }

  constructor(private readonly visitors: readonly HistoryVisitor[] = []) {}

  add(e: ScoredEvent): void {
    if (!e.content) return
    const history = this.history
    for (const visit of this.visitors) visit(e, history)
    const states = history[e.elementType]
    if (e.kind === 'create') {
      states.set(e.elementId, {
        creatorId: e.participantId,
        creatorGroup: e.group,
        createSeq: e.seq,
        createAt: e.at,
        footprint: GROUP_BIT[e.group],
        lastId: e.participantId,
        lastGroup: e.group
      })
      return
    }
    let state = states.get(e.elementId)
    if (state === undefined) {
      state = {
        creatorId: null,
        creatorGroup: null,
        createSeq: null,
        createAt: null,
        footprint: 0,
        lastId: null,
        lastGroup: null
      }
      states.set(e.elementId, state)
    }
    state.footprint |= GROUP_BIT[e.group]
    state.lastId = e.participantId
    state.lastGroup = e.group
  }
}

/** The creator's group of an element, or null (no create event: an imported element). */
export function creatorGroup(states: ReadonlyMap<string, ElementState>, id: string): Group | null {
  return states.get(id)?.creatorGroup ?? null
}

/**
 * Calls `f` with each distinct endpoint concept of a link `create`/`reconnect` event (a self-loop
 * names its concept once).
 */
export function forEachEnd(event: ScoredEvent, f: (conceptId: string) => void): void {
  if (event.from !== null) f(event.from)
  if (event.to !== null && event.to !== event.from) f(event.to)
}
