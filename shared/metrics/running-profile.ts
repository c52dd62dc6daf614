import { compareBoardEvents } from '../events/element-event'
import { groupOf } from '../roles'
import type { Group } from '../roles'
import { propositionsOf } from './common-ground'
import { commonGroundOf, mapFigures, type MapFigures } from './map-figures'
import { takeUpVisitor, uptakeLatencyMedianSeconds } from './convergence'
import { HistoryReplay } from './element-history'
import type { ElementHistory, ElementState, HistoryVisitor } from './element-history'
import { baselineOf, type PermutationBaseline } from './permutation-baseline'
import { assembleProfile } from './profile'
import type { StreamState } from './stream'
import type { ScoredEvent } from './scored-events'
import type { MetricsMap, MetricsParticipant, MetricsProfile, PulseAnswer, VoteRound } from './types'
import { emptyUptakeCounts, uptakeVisitor } from './uptake'
import { UptakePatterns } from './uptake-patterns'

/** Content events kept for convergence's cut beyond this many are dropped once the cut passed them. */
const CUT_COMPACT_AT = 4096

/**
 * The profile of a board kept up to date as its events arrive, so that the profile "as of now"
 * costs O(map) instead of a replay of every event (metrics.md is defined on the whole replay; this
 * is the same replay, taken one event at a time). Feed it the B/U events of a scope in journal
 * order; `profile(T)` then equals `computeProfile` of those events as of T, for any T at or after
 * the last event fed, provided every event at or before T has been fed. That needs the events'
 * times to rise with their journal order (as the server's accept times do): `add` refuses an
 * event that goes back in time, and callers fall back to `computeProfile`.
 *
 * Convergence's cut (events with 3·at ≤ 2·t0 + t1) only moves forward as t1 grows, so its history
 * is a second replay that follows the first at a distance.
 */
export class RunningProfile {
  private readonly counts = emptyUptakeCounts()
  private readonly takeUps = new Map<ElementState, number>()
  private readonly patterns: UptakePatterns | null
  private readonly replay: HistoryReplay
  /** Content events the cut's replay has still to reach. */
  private pendingCut: ScoredEvent[] = []
  private pendingCutStart = 0
  private readonly cut = new HistoryReplay()
  private t0 = Infinity
  private t1 = -Infinity
  /** Each B/U author: the group of their last event, their content events and the last one's time. */
  private readonly authors = new Map<string, { group: Group; content: number; lastContentAt: number | null }>()
  private last: ScoredEvent | null = null
  private fed = 0
  /** Events the cut's replay has taken: with `fed`, what says a history did not change. */
  private cutFed = 0
  /**
   * What the last profile computed from the map and the histories, given again while they are the
   * same (the samples of a report's timeline after the editing stopped read the same map and history).
   */
  private memo: { fed: number; map: MetricsMap; stream: StreamState | undefined; figures: MapFigures; latency: number | null } | null = null
  private readonly commonGrounds = new Map<ElementHistory, { map: MetricsMap; version: number; value: number | null }>()

  /**
   * `baseline: false` skips what only the permutation baseline reads (a timeline's profiles);
   * `visitors` see every content event with the history before it, as `replayHistory`'s do.
   */
  constructor(options: { baseline?: boolean; visitors?: readonly HistoryVisitor[] } = {}) {
    this.patterns = options.baseline === false ? null : new UptakePatterns()
    this.replay = new HistoryReplay([uptakeVisitor(this.counts, this.patterns ?? undefined), takeUpVisitor(this.takeUps), ...(options.visitors ?? [])])
  }

  /** Time of the last event fed (-Infinity before any). */
  get lastAt(): number {
    return this.last?.at ?? -Infinity
  }

  /** Events fed so far. */
  get size(): number {
    return this.fed
  }

  /** Whether `e` may follow the events fed so far (journal order, time not going back). */
  accepts(e: ScoredEvent): boolean {
    const last = this.last
    return last === null || (e.at >= last.at && compareBoardEvents(last, e) < 0)
  }

  add(e: ScoredEvent): void {
    if (!this.accepts(e)) throw new Error('RunningProfile: events must come in journal order, at non-decreasing times')
    this.last = e
    this.fed++
    const author = this.authors.get(e.participantId)
    if (author === undefined) this.authors.set(e.participantId, { group: e.group, content: e.content ? 1 : 0, lastContentAt: e.content ? e.at : null })
    else {
      author.group = e.group
      if (e.content) {
        author.content++
        author.lastContentAt = e.at
      }
    }
    if (!e.content) return
    this.replay.add(e)
    this.pendingCut.push(e)
    if (e.at < this.t0) this.t0 = e.at
    if (e.at > this.t1) this.t1 = e.at
  }

  /**
   * The profile as of `at` (≥ lastAt; every event at or before it fed): `mapAt` is read at `at`,
   * at t1 and at the cut, as `computeProfile` reads it.
   */
  profile(
    at: number,
    participants: readonly MetricsParticipant[],
    pulses: readonly PulseAnswer[],
    mapAt: (t: number) => MetricsMap,
    votes: readonly VoteRound[] = [],
    stream?: StreamState
  ): MetricsProfile {
    this.check(at)
    const map = mapAt(at)
    const P = propositionsOf(map)
    const history = this.replay.history
    const memo = this.memo
    const unchanged = memo !== null && memo.fed === this.fed
    const figures = unchanged && memo.map === map && memo.stream === stream ? memo.figures : mapFigures(map, P, history, stream)
    const latency = unchanged ? memo.latency : uptakeLatencyMedianSeconds(history, this.takeUps)
    this.memo = { fed: this.fed, map, stream, figures, latency }
    return assembleProfile({
      T: at,
      counts: this.counts,
      history: this.replay.history,
      takeUps: this.takeUps,
      span: this.t0 === Infinity ? null : { t0: this.t0, t1: this.t1 },
      historyAtCut: (bound) => this.historyAtCut(bound),
      contributions: this.contributions(participants, at).values(),
      map,
      P,
      mapAt,
      pulses,
      votes,
      stream,
      known: { figures, uptakeLatencyMedianSeconds: latency, commonGroundOf: (m, h) => this.commonGroundOf(m, h) }
    })
  }

  /** Common ground of a map with the history or the cut's, kept per history while neither changes. */
  private commonGroundOf(map: MetricsMap, history: ElementHistory): number | null {
    const version = history === this.replay.history ? this.fed : history === this.cut.history ? this.cutFed : -1
    const kept = this.commonGrounds.get(history)
    if (version >= 0 && kept !== undefined && kept.map === map && kept.version === version) return kept.value
    const value = commonGroundOf(propositionsOf(map), history).commonGround
    if (version >= 0) this.commonGrounds.set(history, { map, version, value })
    return value
  }

  /** The permutation baseline as of `at`, as `permutationBaseline` gives it (same conditions as `profile`). */
  baseline(
    at: number,
    participants: readonly MetricsParticipant[],
    mapAt: (t: number) => MetricsMap,
    options: { iterations?: number; seed?: number } = {}
  ): PermutationBaseline {
    this.check(at)
    if (this.patterns === null) throw new Error('RunningProfile: made without what the baseline reads')
    const concepts = this.replay.history.concept
    const authors = new Map<string, Group>()
    for (const [id, a] of this.authors) authors.set(id, a.group)
    return baselineOf(
      { T: at, participants, authors, patterns: this.patterns, P: propositionsOf(mapAt(at)), creatorIdOf: (id) => concepts.get(id)?.creatorId ?? null },
      options
    )
  }

  /** Equity's participant set as of `at` (listed B/U participants connected by then, and every B/U author), as `contributions` orders it. */
  members(at: number, participants: readonly MetricsParticipant[]): string[] {
    this.check(at)
    return [...this.contributions(participants, at).keys()]
  }

  /**
   * Per B/U author of the events fed: their content events and the time of the last one (null if
   * none), what a live view of who is taking part shows (contract: the live stream's participation).
   */
  participation(): Map<string, { contentEvents: number; lastContentAt: number | null }> {
    const out = new Map<string, { contentEvents: number; lastContentAt: number | null }>()
    for (const [id, a] of this.authors) out.set(id, { contentEvents: a.content, lastContentAt: a.lastContentAt })
    return out
  }

  /** Content events per participant of equity's set, as `contributions` (equity.ts) counts them. */
  private contributions(participants: readonly MetricsParticipant[], at: number): Map<string, number> {
    const x = new Map<string, number>()
    for (const p of participants) {
      if (groupOf(p.role) !== null && p.firstConnectedAt <= at) x.set(p.id, 0)
    }
    for (const [id, a] of this.authors) x.set(id, a.content)
    return x
  }

  private historyAtCut(bound: number): ElementHistory {
    const pending = this.pendingCut
    let i = this.pendingCutStart
    while (i < pending.length && 3 * (pending[i] as ScoredEvent).at <= bound) {
      this.cut.add(pending[i++] as ScoredEvent)
      this.cutFed++
    }
    if (i >= CUT_COMPACT_AT && i * 2 >= pending.length) {
      this.pendingCut = pending.slice(i)
      i = 0
    }
    this.pendingCutStart = i
    return this.cut.history
  }

  private check(at: number): void {
    if (at < this.lastAt) throw new Error(`RunningProfile: asked for ${at}, before its last event (${this.lastAt})`)
  }
}
