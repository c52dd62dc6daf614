import { attributeEvents, isContentKind, type BoardEvent } from '../../shared/events/element-event'
import { groupOf } from '../../shared/roles'
import { computeProfile, type MetricsInput, type MetricsProfile, type PulseAnswer, type VoteRound } from '../../shared/metrics'
import type { BoardMap } from '../../shared/schema/board-map'
import type { BallotRecord, MetadataStore, PulseRecord, VoteRoundRecord } from '../store/metadata'
import type { HistoryService } from './history-service'
import { ParticipantDirectory } from './participant-directory'
import { streamStateAt } from './stream-state'

const EMPTY_MAP: BoardMap = { title: '', focusQuestion: '', concepts: [], links: [] }

export interface ScoreScope {
  /** Only events at or after this moment count (a session's start). */
  from?: number
  /** Only this session's pulse answers count; without it, every session's latest answer sets do. */
  session?: string
}

export interface ScoreDeps {
  history: HistoryService
  metadata: MetadataStore
}

/**
 * Everything `computeProfile` and the permutation baseline read, for a board as of `at`, read
 * afresh from the derived history (board-scoring.ts answers from memory when it can): its
 * attributed events, participants and pulse answers of the scope, and a synchronous `mapAt`.
 * The shared scorers ask for the map at a few moments only (T, the last event, the convergence
 * cut); those follow from the events alone, so they are fetched first (each a fast seek), a run of
 * the profile checks that nothing else was asked for (else fetches that too and runs again), and
 * the returned `mapAt` answers from them.
 */
export async function scoreInputAt(deps: ScoreDeps, boardId: string, at: number, scope: ScoreScope = {}): Promise<MetricsInput> {
  return (await scoreInputAndProfile(deps, boardId, at, scope)).input
}

/** The input and its profile: the run that checks the moments already is the profile, so callers wanting both pay once. */
export async function scoreInputAndProfile(
  deps: ScoreDeps,
  boardId: string,
  at: number,
  scope: ScoreScope = {}
): Promise<{ input: MetricsInput; profile: MetricsProfile }> {
  const directory = await ParticipantDirectory.load(deps.metadata, boardId)
  const events = await historyEvents(deps.history, boardId, directory, scope.from ?? -Infinity, at)
  const participants = directory.connected()
  const pulses = pulseAnswers(await deps.metadata.listPulses(boardId), directory, scope.session)
  const [votes, stream] = await Promise.all([loadVotes(deps.metadata, boardId, directory), streamStateAt(deps.history, boardId, at)])

  const maps = new Map<number, BoardMap>()
  // The usual moments, fetched up front so the common case needs a single run of the profile.
  await Promise.all(
    likelyMoments(events, at).map(async (t) => {
      maps.set(t, (await deps.history.mapAt(boardId, t)).map)
    })
  )
  const fields = { at, events, participants, pulses, votes, stream }
  let profile: MetricsProfile
  for (let pass = 0; ; pass++) {
    const missing = new Set<number>()
    profile = computeProfile({
      ...fields,
      mapAt: (t) => {
        const m = maps.get(t)
        if (m) return m
        missing.add(t)
        return EMPTY_MAP
      }
    })
    if (missing.size === 0) break
    if (pass >= 3) throw new Error('metrics kept asking for new moments of the map')
    for (const t of missing) maps.set(t, (await deps.history.mapAt(boardId, t)).map)
  }
  const input: MetricsInput = {
    ...fields,
    mapAt: (t) => {
      const m = maps.get(t)
      // The scorers are deterministic, so they ask again only for moments fetched above.
      if (!m) throw new Error(`metrics input has no map at ${t}`)
      return m
    }
  }
  return { input, profile }
}

/** The attributed events of the entries at or after `from` and at or before `at`, read afresh from the derived history. */
export async function historyEvents(history: HistoryService, boardId: string, directory: ParticipantDirectory, from: number, at: number): Promise<BoardEvent[]> {
  const events: BoardEvent[] = []
  await history.records(boardId, at, (r) => {
    if (r.at < from || r.events.length === 0) return
    const attributed = attributeEvents(r.events, { seq: r.seq, at: r.at, participantId: r.participantId, role: directory.role(r.participantId) })
    for (const e of attributed) events.push(e)
  })
  return events
}

/** T, t1 and the convergence cut (metrics.md 8), from the B/U content events at or before T. */
function likelyMoments(events: readonly BoardEvent[], at: number): number[] {
  let t0 = Infinity
  let t1 = -Infinity
  for (const e of events) {
    if (!(e.at <= at) || groupOf(e.role) === null || !isContentKind(e.kind)) continue
    if (e.at < t0) t0 = e.at
    if (e.at > t1) t1 = e.at
  }
  const moments = new Set([at])
  if (t0 !== Infinity) moments.add(t1).add(Math.floor((2 * t0 + t1) / 3))
  return [...moments]
}

/**
 * Pulse records as the profile reads them: the role is the participant's (a revoked participant's
 * role still says which group answered), and with a session only its answers.
 */
export function pulseAnswers(records: readonly PulseRecord[], directory: ParticipantDirectory, session?: string): PulseAnswer[] {
  const answers: PulseAnswer[] = []
  for (const r of records) {
    if (session !== undefined && r.session !== session) continue
    const answer: PulseAnswer = { participantId: r.participantId, role: directory.role(r.participantId), session: r.session }
    // A session's pulse is asked at its end and answered after it, so in a session's scope its
    // answers count whenever they came; unscoped, T decides as for everything else.
    if (session === undefined) answer.at = r.at
    if (r.understood !== null) answer.understood = r.understood
    if (r.learned !== null) answer.learned = r.learned
    if (r.represents !== null) answer.represents = r.represents
    answers.push(answer)
  }
  return answers
}

/** A board's dot-vote rounds with their ballots, as priorities reads them (the role is the voter's). */
export function voteRounds(rounds: readonly VoteRoundRecord[], ballots: readonly BallotRecord[], directory: ParticipantDirectory): VoteRound[] {
  const byRound = new Map<string, VoteRound['ballots'][number][]>()
  for (const b of ballots) {
    const list = byRound.get(b.roundId) ?? []
    list.push({ participantId: b.participantId, role: directory.role(b.participantId), at: b.at, dots: b.dots })
    byRound.set(b.roundId, list)
  }
  return rounds.map((r) => ({ id: r.id, openedAt: r.openedAt, closedAt: r.closedAt, ballots: byRound.get(r.id) ?? [] }))
}

/** `voteRounds` read from the store. */
export async function loadVotes(metadata: MetadataStore, boardId: string, directory: ParticipantDirectory): Promise<VoteRound[]> {
  const [rounds, ballots] = await Promise.all([metadata.listVoteRounds(boardId), metadata.listBallots(boardId)])
  return voteRounds(rounds, ballots, directory)
}
