import type { Group } from '../roles'
import { balance } from './balance'
import { propositionsOf } from './common-ground'
import { contentSpan, convergenceDeltaOf, takeUpVisitor, uptakeLatencyMedianSeconds } from './convergence'
import { creatorGroup, replayHistory } from './element-history'
import type { ElementHistory, ElementState } from './element-history'
import { contributions, equity } from './equity'
import { commonGroundOf, mapFigures, type MapFigures } from './map-figures'
import { priorities } from './priorities'
import { pulse } from './pulse'
import { reciprocity } from './reciprocity'
import { scoredEvents } from './scored-events'
import type { StreamState } from './stream'
import type { ScoredEvent } from './scored-events'
import { emptyUptakeCounts, uptake, uptakeVisitor } from './uptake'
import type { UptakeCounts } from './uptake'
import { UptakePatterns } from './uptake-patterns'
import type { MetricsInput, MetricsLink, MetricsMap, MetricsProfile, PulseAnswer, VoteRound } from './types'

/** Everything the profile and the permutation baseline derive from one replay as of T. */
export interface ScoringState {
  T: number
  events: ScoredEvent[]
  map: MetricsMap
  /** P: links of the map at T whose two endpoint concepts are present. */
  P: readonly MetricsLink[]
  history: ElementHistory
  uptakeCounts: UptakeCounts
  /** Content events folded by author and predecessors, when asked for (permutation baseline). */
  patterns: UptakePatterns | undefined
  takeUps: Map<ElementState, number>
  conceptCreator: (conceptId: string) => Group | null
}

/** One pass over the B/U events at or before T, and the map at T. */
export function scoringState(input: MetricsInput, options: { recordPatterns?: boolean } = {}): ScoringState {
  const T = input.at
  const events = scoredEvents(input.events, T, input.mapAt)
  const uptakeCounts = emptyUptakeCounts()
  const patterns = options.recordPatterns === true ? new UptakePatterns() : undefined
  const takeUps = new Map<ElementState, number>()
  const history = replayHistory(events, [uptakeVisitor(uptakeCounts, patterns), takeUpVisitor(takeUps)])
  const map = input.mapAt(T)
  return {
    T,
    events,
    map,
    P: propositionsOf(map),
    history,
    uptakeCounts,
    patterns,
    takeUps,
    conceptCreator: (id) => creatorGroup(history.concept, id)
  }
}

/**
 * What a profile as of T is put together from: the replay of the B/U events at or before T (from
 * scratch, or kept running as events arrive: RunningProfile) and the map at T.
 */
export interface ProfileParts {
  T: number
  counts: UptakeCounts
  history: ElementHistory
  takeUps: ReadonlyMap<ElementState, number>
  /** t0 and t1 of the content events (null without any). */
  span: { t0: number; t1: number } | null
  /** The history of the events with 3·at ≤ bound (convergence's cut). */
  historyAtCut: (bound: number) => ElementHistory
  /** Content events per member of equity's participant set. */
  contributions: Iterable<number>
  map: MetricsMap
  P: readonly MetricsLink[]
  mapAt: (t: number) => MetricsMap
  pulses: readonly PulseAnswer[]
  /** Dot-vote rounds (absent: none). */
  votes?: readonly VoteRound[]
  /** The stream and origins at T (absent: the document was not read, every stream value null). */
  stream?: StreamState
  /**
   * What a caller already has of the same inputs (a running profile whose history and map did not
   * change since its last profile): the map figures, the uptake latency median, common ground of a
   * map with a history.
   */
  known?: {
    figures?: MapFigures
    uptakeLatencyMedianSeconds?: number | null
    commonGroundOf?: (map: MetricsMap, history: ElementHistory) => number | null
  }
}

/** The profile from its parts; the one place both ways of scoring meet, so they cannot drift apart. */
export function assembleProfile(parts: ProfileParts): MetricsProfile {
  const { history, counts, P } = parts
  const conceptCreator = (id: string) => creatorGroup(history.concept, id)
  const known = parts.known ?? {}
  const figures = known.figures ?? mapFigures(parts.map, P, history, parts.stream)
  const cg = figures.commonGround
  const otherCommonGround = known.commonGroundOf ?? ((map: MetricsMap, h: ElementHistory) => commonGroundOf(propositionsOf(map), h).commonGround)
  // The map at t1 is often the very map at T (a running profile's maps are shared by position).
  const commonGroundAt = (map: MetricsMap, h: ElementHistory) => (map === parts.map && h === history ? cg.commonGround : otherCommonGround(map, h))
  return {
    balance: balance(counts.content),
    equity: equity(parts.contributions),
    commonGround: cg.commonGround,
    commonGroundCount: cg.commonGroundCount,
    bridging: figures.bridging,
    uptake: uptake(counts),
    reciprocity: reciprocity(counts.uptake.B, counts.uptake.U),
    structure: figures.structure,
    convergence: {
      delta: convergenceDeltaOf(parts.span, history, parts.historyAtCut, parts.mapAt, commonGroundAt),
      uptakeLatencyMedianSeconds:
        known.uptakeLatencyMedianSeconds !== undefined ? known.uptakeLatencyMedianSeconds : uptakeLatencyMedianSeconds(history, parts.takeUps)
    },
    novelty: figures.novelty,
    pulse: pulse(parts.pulses, parts.T),
    stream: figures.stream,
    priorities: priorities(parts.votes ?? [], parts.T, conceptCreator)
  }
}

/**
 * The metrics.md profile as of `input.at`. Pure; O(E log E) in the number of events plus O(map)
 * per `mapAt` call (three calls: T, t1 and the convergence cut).
 */
export function computeProfile(input: MetricsInput): MetricsProfile {
  const s = scoringState(input)
  return assembleProfile({
    T: s.T,
    counts: s.uptakeCounts,
    history: s.history,
    takeUps: s.takeUps,
    span: contentSpan(s.events),
    historyAtCut: (bound) => replayHistory(s.events.filter((e) => 3 * e.at <= bound)),
    contributions: contributions(input.participants, s.events, s.T).values(),
    map: s.map,
    P: s.P,
    mapAt: input.mapAt,
    pulses: input.pulses ?? [],
    votes: input.votes,
    stream: input.stream
  })
}
