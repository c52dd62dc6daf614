import { attributeEvents, compareWithinUpdate, type BoardEvent, type ElementEvent } from '../../shared/events/element-event'
import {
  RunningProfile,
  type MetricsMap,
  type MetricsParticipant,
  type MetricsProfile,
  type PermutationBaseline,
  type PulseAnswer,
  type VoteRound,
  type StreamState,
  type ScoredEvent
} from '../../shared/metrics'
import { memoLinksAt, scoredElementEvent } from '../../shared/metrics/scored-events'
import type { UptakeAttribution } from '../../shared/report/uptake-network'
import { UptakeNetworkBuilder } from '../../shared/report/uptake-network'
import { groupOf, type Role } from '../../shared/roles'
import type { HistoryRecorder, RecordedEntry } from './history-recorder'
import { visitRecords } from './history-reader'
import { MapSkeletons } from './map-skeletons'

/** Running profiles kept per scope start (the whole board, and the sessions asked for lately). */
const RUNNING_SCOPES = 4

interface LoggedEntry {
  seq: number
  at: number
  participantId: string
  events: readonly ElementEvent[]
}

interface Running {
  profile: RunningProfile
  /** Entries folded in: [start, next). */
  next: number
  /** The report's uptake network, kept by the scopes' running profiles (not by a timeline's). */
  network: UptakeNetworkBuilder | null
  /** The last baseline given from this running profile, and what it was computed from (`baselineKey`). */
  baseline?: { key: string; value: PermutationBaseline }
}

/**
 * Which entries a read scores: those at or after `from`, at or before `at`, and up to `lastSeq`
 * (where the log stood when the read began, so that every figure of one read sees the same entries).
 */
export interface Scope {
  from: number
  at: number
  lastSeq: number
}

/** Who is who, as the scoring reads it (a ParticipantDirectory). */
export interface RoleOf {
  role(participantId: string): Role
}

/**
 * A board's derived history as the metrics read it, in memory: every entry's element events and
 * the skeleton of its map (MapSkeletons), read once from the derived history when first asked for
 * and kept up to date as entries are recorded; and running profiles over it (the whole board, and
 * recent session scopes), so the profile "as of now" costs O(map) rather than a read and replay
 * of 10^5 records. A past moment replays the events in memory (no file read).
 *
 * Exact where the history is: authors' roles are checked against the directory on every read (a
 * change starts the profiles over), and entries whose times go back (a clock stepped back) make
 * the log refuse to answer (`usable`), so callers score from the derived history instead.
 */
export class ScoreLog {
  private entries: LoggedEntry[] = []
  private skeletons = new MapSkeletons()
  private lastSeq = 0
  private lastAt = -Infinity
  private inOrder = true
  private loaded = false
  private loading: Promise<void> | null = null
  private arrivedWhileLoading: RecordedEntry[] = []
  /** The role each author was scored with. */
  private readonly roles = new Map<string, Role>()
  private readonly running = new Map<number, Running>()
  private attributedCache: { events: BoardEvent[]; next: number } | null = null
  /** The last replay of a past moment, for the other figures of the same read. */
  private lastReplay: { key: string; running: Running } | null = null

  constructor(private readonly recorder: HistoryRecorder) {
    recorder.onRecord((r) => {
      if (this.loaded) this.append(r)
      else if (this.loading) this.arrivedWhileLoading.push(r)
    })
  }

  /** Up to date with every entry accepted so far (reads the derived history the first time). */
  async settled(): Promise<void> {
    if (this.loaded) {
      await this.recorder.settled()
      if (this.loaded) return
    }
    this.loading ??= this.load().finally(() => {
      this.loading = null
    })
    await this.loading
  }

  /** Whether the log can answer: entries in seq order, gap-free from 1, with non-decreasing times. */
  get usable(): boolean {
    return this.loaded && this.inOrder
  }

  /** Seq of the last entry held: a read's `Scope.lastSeq`. */
  get seq(): number {
    return this.lastSeq
  }

  /** Entries and structural map changes held (for memory accounting). */
  get size(): { entries: number; mapChanges: number } {
    return { entries: this.entries.length, mapChanges: this.skeletons.size }
  }

  /** The map as the metrics read it at t (after every entry at or before t). */
  readonly mapAt = (t: number): MetricsMap => this.skeletons.mapAt(t)

  /**
   * Makes the scored roles agree with `directory`: a participant whose role changed since their
   * events were scored starts every profile over.
   */
  syncRoles(directory: RoleOf): void {
    for (const [id, role] of this.roles) {
      if (directory.role(id) === role) continue
      this.roles.clear()
      this.running.clear()
      this.attributedCache = null
      this.lastReplay = null
      return
    }
  }

  /**
   * The profile of the entries at or after `from` as of `at`. Kept running for `from` when `at`
   * is at or after everything folded so far (the common case: now); otherwise a replay from memory,
   * which keeps what the baseline and the report's people read only when `full`.
   */
  profile(
    directory: RoleOf,
    scope: Scope,
    participants: readonly MetricsParticipant[],
    pulses: readonly PulseAnswer[],
    full = false,
    votes: readonly VoteRound[] = [],
    stream?: StreamState
  ): MetricsProfile {
    return this.runningAt(directory, scope, full).profile.profile(scope.at, participants, pulses, this.mapAt, votes, stream)
  }

  /**
   * The permutation baseline (1,000 shuffles, ~0.2 s on a 100,000-event board): kept per running
   * profile and given again while what it reads is the same (the report and `?baseline=1` of one
   * map, a report read again while nobody edits).
   */
  baseline(directory: RoleOf, scope: Scope, participants: readonly MetricsParticipant[]): PermutationBaseline {
    const running = this.runningAt(directory, scope, true)
    const key = this.baselineKey(running, scope.at, participants)
    if (running.baseline?.key === key) return running.baseline.value
    const value = running.profile.baseline(scope.at, participants, this.mapAt)
    running.baseline = { key, value }
    return value
  }

  /**
   * Everything the baseline as of `at` reads, short: the entries folded (authors, their groups,
   * uptake patterns and creators only grow with them, and a role change starts the running profile
   * over), the map's structural position at `at` (P), and the B/U participants connected by `at`.
   */
  private baselineKey(running: Running, at: number, participants: readonly MetricsParticipant[]): string {
    const connected = participants.filter((p) => groupOf(p.role) !== null && p.firstConnectedAt <= at).map((p) => `${p.id}\u0000${p.role}`)
    return `${running.next}\u0000${this.skeletons.positionAt(at)}\u0000${connected.join('\u0000')}`
  }

  /** Equity's participant set and the uptake network over it, as the report shows them. */
  people(directory: RoleOf, scope: Scope, participants: readonly MetricsParticipant[]): { members: string[]; attribution: UptakeAttribution } {
    const running = this.runningAt(directory, scope, true)
    const members = running.profile.members(scope.at, participants)
    return { members, attribution: (running.network as UptakeNetworkBuilder).result(members) }
  }

  /** Content events and the last one's time per B/U author of the scope (the live view's participation). */
  participation(directory: RoleOf, scope: Scope): Map<string, { contentEvents: number; lastContentAt: number | null }> {
    return this.runningAt(directory, scope, false).profile.participation()
  }

  /** Profiles at each of `moments` (any order) over the entries at or after `from`: one replay. */
  profilesAt(
    directory: RoleOf,
    scope: Scope,
    moments: readonly number[],
    participants: readonly MetricsParticipant[],
    pulses: readonly PulseAnswer[],
    votes: readonly VoteRound[] = [],
    streamAt: (t: number) => StreamState | undefined = () => undefined
  ): MetricsProfile[] {
    const order = moments.map((_, i) => i).sort((a, b) => (moments[a] as number) - (moments[b] as number))
    const out: MetricsProfile[] = new Array(moments.length)
    const running: Running = { profile: new RunningProfile({ baseline: false }), next: this.firstAtOrAfter(scope.from), network: null }
    for (const i of order) {
      const at = moments[i] as number
      this.fold(directory, running, { ...scope, at })
      out[i] = running.profile.profile(at, participants, pulses, this.mapAt, votes, streamAt(at))
    }
    return out
  }

  /** The attributed events of the entries at or after `from` and at or before `at`, in journal order. */
  events(directory: RoleOf, scope: Scope): BoardEvent[] {
    const cache = (this.attributedCache ??= { events: [], next: 0 })
    for (; cache.next < this.entries.length; cache.next++) {
      const e = this.entries[cache.next] as LoggedEntry
      const role = this.roleOf(directory, e.participantId)
      for (const event of attributeEvents(e.events, { seq: e.seq, at: e.at, participantId: e.participantId, role })) cache.events.push(event)
    }
    const all = cache.events
    const end = Math.min(lowerBound(all, scope.at, true), lowerBound(all, scope.lastSeq + 1, false, 'seq'))
    return all.slice(lowerBound(all, scope.from), end)
  }

  private runningAt(directory: RoleOf, scope: Scope, full: boolean): Running {
    let running = this.running.get(scope.from)
    const foldedSeq = running === undefined || running.next === 0 ? 0 : (this.entries[running.next - 1] as LoggedEntry).seq
    if (running !== undefined && (scope.at < running.profile.lastAt || foldedSeq > scope.lastSeq)) {
      // A past moment: replayed from memory (kept for the other figures of the same read), leaving
      // the running profile where it is.
      const key = `${scope.from} ${scope.at} ${scope.lastSeq}`
      const last = this.lastReplay
      if (last !== null && last.key === key && (last.running.network !== null || !full)) return last.running
      running = this.newRunning(scope, full)
      this.fold(directory, running, scope)
      this.lastReplay = { key, running }
      return running
    }
    if (running === undefined) {
      running = this.newRunning(scope, true)
      if (this.running.size >= RUNNING_SCOPES) {
        // The whole board's stays; the scope used least recently goes.
        for (const key of this.running.keys()) {
          if (key === -Infinity) continue
          this.running.delete(key)
          break
        }
      }
    } else this.running.delete(scope.from)
    this.running.set(scope.from, running)
    this.fold(directory, running, scope)
    return running
  }

  /** A running profile from the scope's start; `full` keeps what the baseline and the people read. */
  private newRunning(scope: Scope, full: boolean): Running {
    const next = this.firstAtOrAfter(scope.from)
    if (!full) return { profile: new RunningProfile({ baseline: false }), next, network: null }
    const network = new UptakeNetworkBuilder()
    return { profile: new RunningProfile({ visitors: [network.visitor] }), next, network }
  }

  /** Feeds the running profile every entry up to `at`. */
  private fold(directory: RoleOf, running: Running, scope: Scope): void {
    const linksAt = memoLinksAt(this.mapAt)
    const scored: ScoredEvent[] = []
    for (; running.next < this.entries.length; running.next++) {
      const entry = this.entries[running.next] as LoggedEntry
      if (entry.at > scope.at || entry.seq > scope.lastSeq) break
      const role = this.roleOf(directory, entry.participantId)
      if (groupOf(role) === null) continue
      scored.length = 0
      const by = { seq: entry.seq, at: entry.at, participantId: entry.participantId, role }
      for (const e of entry.events) {
        const s = scoredElementEvent(e, by, linksAt)
        if (s !== null) scored.push(s)
      }
      if (scored.length > 1) scored.sort(compareWithinUpdate)
      for (const s of scored) running.profile.add(s)
    }
  }

  private roleOf(directory: RoleOf, participantId: string): Role {
    const role = directory.role(participantId)
    this.roles.set(participantId, role)
    return role
  }

  /** Index of the first entry at or after `from` (times are non-decreasing). */
  private firstAtOrAfter(from: number): number {
    return lowerBound(this.entries, from)
  }

  private append(r: RecordedEntry): void {
    if (r.seq <= this.lastSeq) return
    if (r.seq !== this.lastSeq + 1 || r.at < this.lastAt) this.inOrder = false
    this.lastSeq = r.seq
    this.lastAt = r.at
    this.skeletons.add(r.at, r.changes)
    if (r.events.length > 0) this.entries.push({ seq: r.seq, at: r.at, participantId: r.participantId, events: r.events })
  }

  private async load(): Promise<void> {
    this.arrivedWhileLoading = []
    this.entries = []
    this.skeletons = new MapSkeletons()
    this.lastSeq = 0
    this.lastAt = -Infinity
    this.inOrder = true
    const { store } = await this.recorder.settled()
    await visitRecords(
      store,
      0,
      (r) => {
        this.append(r)
        return true
      },
      5000
    )
    for (const r of this.arrivedWhileLoading) this.append(r)
    this.arrivedWhileLoading = []
    this.loaded = true
  }
}

/** First index whose `key` is ≥ t (or > t with `after`), over items in non-decreasing order of it. */
function lowerBound(items: ReadonlyArray<{ at: number; seq: number }>, t: number, after = false, key: 'at' | 'seq' = 'at'): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const at = (items[mid] as { at: number; seq: number })[key]
    if (at < t || (after && at === t)) lo = mid + 1
    else hi = mid
  }
  return lo
}
