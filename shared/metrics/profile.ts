import type { Group } from '../roles'
import type { BoardMap, Link } from '../schema/board-map'
import { propositions } from '../schema/board-map'
import { balance, contentCounts } from './balance'
import { bridging, creatorPairs } from './bridging'
import { commonGround } from './common-ground'
import { convergenceDelta, takeUpVisitor, uptakeLatencyMedianSeconds } from './convergence'
import { creationOrder } from './creation-order'
import { creatorGroup, replayHistory } from './element-history'
import type { ElementHistory, ElementState } from './element-history'
import { contributions, equity } from './equity'
import { novelty } from './novelty'
import { pulse } from './pulse'
import { reciprocity } from './reciprocity'
import { scoredEvents } from './scored-events'
import type { ScoredEvent } from './scored-events'
import { structure } from './structure'
import { emptyUptakeCounts, uptake, uptakeVisitor } from './uptake'
import type { UptakeCandidate, UptakeCounts } from './uptake'
import type { MetricsInput, MetricsProfile } from './types'

/** Everything the profile and the permutation baseline derive from one replay as of T. */
export interface ScoringState {
  T: number
  events: ScoredEvent[]
  map: BoardMap
  /** P: links of the map at T whose two endpoint concepts are present. */
  P: Link[]
  history: ElementHistory
  uptakeCounts: UptakeCounts
  /** Every content event's author and predecessors, when asked for (permutation baseline). */
  candidates: UptakeCandidate[] | undefined
  takeUps: Map<ElementState, number>
  conceptCreator: (conceptId: string) => Group | null
}

/** One pass over the B/U events at or before T, and the map at T. */
export function scoringState(input: MetricsInput, options: { recordCandidates?: boolean } = {}): ScoringState {
  const T = input.at
  const events = scoredEvents(input.events, T, input.mapAt)
  const uptakeCounts = emptyUptakeCounts()
  const candidates: UptakeCandidate[] | undefined = options.recordCandidates === true ? [] : undefined
  const takeUps = new Map<ElementState, number>()
  const history = replayHistory(events, [uptakeVisitor(uptakeCounts, candidates), takeUpVisitor(takeUps)])
  const map = input.mapAt(T)
  return {
    T,
    events,
    map,
    P: propositions(map),
    history,
    uptakeCounts,
    candidates,
    takeUps,
    conceptCreator: (id) => creatorGroup(history.concept, id)
  }
}

/**
 * The metrics.md profile as of `input.at`. Pure; O(E log E) in the number of events plus O(map)
 * per `mapAt` call (three calls: T, t1 and the convergence cut).
 */
export function computeProfile(input: MetricsInput): MetricsProfile {
  const s = scoringState(input)
  const counts = s.uptakeCounts
  const cg = commonGround(s.P, s.history)
  return {
    balance: balance(contentCounts(s.events)),
    equity: equity(contributions(input.participants, s.events, s.T).values()),
    commonGround: cg.commonGround,
    commonGroundCount: cg.commonGroundCount,
    bridging: bridging(creatorPairs(s.P, s.conceptCreator)),
    uptake: uptake(counts),
    reciprocity: reciprocity(counts.uptake.B, counts.uptake.U),
    structure: structure(s.P, { compareCreation: creationOrder(s.history.concept), creatorOf: s.conceptCreator }),
    convergence: {
      delta: convergenceDelta(s.events, s.history, input.mapAt),
      uptakeLatencyMedianSeconds: uptakeLatencyMedianSeconds(s.history, s.takeUps)
    },
    novelty: novelty(s.map, s.conceptCreator),
    pulse: pulse(input.pulses ?? [], s.T)
  }
}
