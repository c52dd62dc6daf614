import { difference, median } from './arithmetic'
import { commonGround, propositionsOf } from './common-ground'
import { forEachEnd, replayHistory } from './element-history'
import type { ElementHistory, ElementState, HistoryVisitor } from './element-history'
import type { ScoredEvent } from './scored-events'
import type { MetricsMap } from './types'

/** t0 and t1: times of the first and last B/U content events (null without any). */
export function contentSpan(events: readonly ScoredEvent[]): { t0: number; t1: number } | null {
  let t0 = Infinity
  let t1 = -Infinity
  for (const e of events) {
    if (!e.content) continue
    if (e.at < t0) t0 = e.at
    if (e.at > t1) t1 = e.at
  }
  return t0 === Infinity ? null : { t0, t1 }
}

/**
 * 8a. convergence.delta = commonGround(t1) − commonGround(cut). An event at integer ms t is at or
 * before the cut iff 3t ≤ 2·t0 + t1 (exact integer arithmetic, no division); the map at the cut is
 * the map at ⌊(2·t0 + t1) / 3⌋ ms, the last integer ms that passes the test. Null when t0 = t1,
 * without content events, or when either common ground is null.
 *
 * `history` is the replay as of T: every B/U content event at or before T is at or before t1 (t1
 * is the last one), so it is also the history as of t1 and only the cut needs a replay.
 */
export function convergenceDelta(
  events: readonly ScoredEvent[],
  history: ElementHistory,
  mapAt: (t: number) => MetricsMap
): number | null {
  return convergenceDeltaOf(contentSpan(events), history, (bound) => replayHistory(events.filter((e) => 3 * e.at <= bound)), mapAt)
}

/**
 * `convergenceDelta` from its parts: the content span, the history as of T and, for a bound
 * 2·t0 + t1, the history of the events with 3·at ≤ bound (a running profile keeps that replay
 * going rather than starting it again); `commonGroundOf` may answer from what the profile already
 * computed for the same map and history.
 */
export function convergenceDeltaOf(
  span: { t0: number; t1: number } | null,
  history: ElementHistory,
  historyAtCut: (bound: number) => ElementHistory,
  mapAt: (t: number) => MetricsMap,
  commonGroundOf: (map: MetricsMap, history: ElementHistory) => number | null = (map, h) => commonGround(propositionsOf(map), h).commonGround
): number | null {
  if (span === null || span.t0 === span.t1) return null
  const { t0, t1 } = span
  const bound = 2 * t0 + t1
  const atT1 = commonGroundOf(mapAt(t1), history)
  if (atT1 === null) return null
  const atCut = commonGroundOf(mapAt(Math.floor(bound / 3)), historyAtCut(bound))
  return difference(atT1, atCut)
}

/**
 * Records, per element incarnation (the state object), the time of its first take-up by the other
 * group: a later content event on x by the other group, or a link created or reconnected by the
 * other group with x as an endpoint after the change (both endpoints of a reconnected link count).
 */
export function takeUpVisitor(takeUps: Map<ElementState, number>): HistoryVisitor {
  const takeUp = (state: ElementState | undefined, e: ScoredEvent) => {
    if (state === undefined || state.creatorGroup === null || state.creatorGroup === e.group) return
    if (!takeUps.has(state)) takeUps.set(state, e.at)
  }
  return (e: ScoredEvent, history: ElementHistory) => {
    if (e.kind !== 'create') takeUp(history[e.elementType].get(e.elementId), e)
    if (e.elementType === 'link' && (e.kind === 'create' || e.kind === 'reconnect')) {
      forEachEnd(e, (c) => takeUp(history.concept.get(c), e))
    }
  }
}

/**
 * 8b. Median, over elements whose latest create (at or before T) was by B or U and which the other
 * group later took up, of the seconds from that create to the first take-up. Deleted elements
 * still count: the history keeps their latest incarnation.
 */
export function uptakeLatencyMedianSeconds(
  history: ElementHistory,
  takeUps: ReadonlyMap<ElementState, number>
): number | null {
  const seconds: number[] = []
  for (const states of [history.concept, history.link]) {
    for (const state of states.values()) {
      const at = takeUps.get(state)
      if (at === undefined || state.createAt === null) continue
      seconds.push((at - state.createAt) / 1000)
    }
  }
  return median(seconds)
}
