import { permutationBaseline, scoredEvents, type MetricsInput, type MetricsProfile, type PermutationBaseline } from '../../shared/metrics'
import { contributions } from '../../shared/metrics/equity'
import { uptakeNetwork, type UptakeAttribution } from '../../shared/report/uptake-network'
import { loadVotes, scoreInputAndProfile, pulseAnswers, type ScoreDeps, type ScoreScope } from './score-inputs'
import { ParticipantDirectory } from './participant-directory'
import { profilesAt } from './profile-timeline'
import { streamStateAt, streamStatesAt } from './stream-state'

/** One read of a board's metrics for a scope as of `at`: the profile, and what else a caller may ask of the same input. */
export interface BoardScoring {
  at: number
  profile: MetricsProfile
  /** The permutation baseline over the same input (1,000 shuffles: asked for only when wanted). */
  baseline(): PermutationBaseline
  /** What the profile was computed from, for the report's other figures. */
  input(): MetricsInput
  /** Profiles of the same scope at other moments (≤ `at`; the report's timeline). */
  profilesAt(moments: readonly number[]): Promise<MetricsProfile[]>
  /** Equity's participant set and who built on whose ideas among them (the report's people and network). */
  people(): { members: string[]; attribution: UptakeAttribution }
  /** Content events and the time of the last one per B/U author of the scope (the live stream's participation). */
  participation(): Map<string, { contentEvents: number; lastContentAt: number | null }>
}

/**
 * The metrics of a board for a scope as of `at`. From the board's in-memory score log when it
 * can answer (a running profile: O(map) for "now", a replay from memory for a past moment); else
 * from the derived history read afresh (`scoreInputAndProfile`), which the log must equal to
 * 1e-9 (metrics.md; test/integration/score-log.test.ts compares the two).
 */
export async function boardScoring(
  deps: ScoreDeps,
  boardId: string,
  at: number,
  scope: ScoreScope = {},
  /** The baseline or the people will be asked for too (a past moment then replays once, not twice). */
  options: { full?: boolean } = {}
): Promise<BoardScoring> {
  const [log, directory, pulseRecords] = await Promise.all([
    deps.history.scoreLog(boardId),
    ParticipantDirectory.load(deps.metadata, boardId),
    deps.metadata.listPulses(boardId)
  ])
  if (log === null) return fromHistory(deps, boardId, at, scope)
  const participants = directory.connected()
  const pulses = pulseAnswers(pulseRecords, directory, scope.session)
  const [votes, stream] = await Promise.all([loadVotes(deps.metadata, boardId, directory), streamStateAt(deps.history, boardId, at)])
  log.syncRoles(directory)
  const read = { from: scope.from ?? -Infinity, at, lastSeq: log.seq }
  let input: MetricsInput | null = null
  return {
    at,
    profile: log.profile(directory, read, participants, pulses, options.full, votes, stream),
    baseline: () => log.baseline(directory, read, participants),
    input: () => (input ??= { at, events: log.events(directory, read), participants, pulses, votes, stream, mapAt: log.mapAt }),
    profilesAt: async (moments) => {
      const streams = await streamStatesAt(deps.history, boardId, moments)
      return log.profilesAt(directory, read, moments, participants, pulses, votes, (t) => streams.get(t))
    },
    people: () => log.people(directory, read, participants),
    participation: () => log.participation(directory, read)
  }
}

/** The metrics read afresh from the derived history: the reference the score log must equal. */
export async function fromHistory(deps: ScoreDeps, boardId: string, at: number, scope: ScoreScope = {}): Promise<BoardScoring> {
  const { input, profile } = await scoreInputAndProfile(deps, boardId, at, scope)
  return {
    at,
    profile,
    baseline: () => permutationBaseline(input),
    input: () => input,
    profilesAt: async (moments) => {
      const streams = await streamStatesAt(deps.history, boardId, moments)
      return profilesAt(input, moments, async (t) => (await deps.history.mapAt(boardId, t)).map, (t) => streams.get(t))
    },
    people: () => {
      // The map fallback for link endpoints asks only for moments the profile already fetched.
      const scored = scoredEvents(input.events, at, input.mapAt)
      const members = [...contributions(input.participants, scored, at).keys()]
      return { members, attribution: uptakeNetwork(scored, members) }
    },
    participation: () => {
      const out = new Map<string, { contentEvents: number; lastContentAt: number | null }>()
      for (const e of scoredEvents(input.events, at, input.mapAt)) {
        const p = out.get(e.participantId) ?? { contentEvents: 0, lastContentAt: null }
        out.set(e.participantId, e.content ? { contentEvents: p.contentEvents + 1, lastContentAt: e.at } : p)
      }
      return out
    }
  }
}
