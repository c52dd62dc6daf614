import type { z } from 'zod'
import type { MetricsProfile, PulseItemSummary } from '../../metrics/types'
import type { ReportData } from '../../report/report-data'
import type { HistoryPage, MapAt, ParticipantView } from '../history'
import { route } from '../route'
import type { CompareSnapshotsQuery, HistoryQuery, MapQuery, MetricsQuery, PulseBody, SessionQuery, SnapshotBody, StartSessionBody } from '../schemas/history'
import type { BoardSession } from '../sessions'
import type { Snapshot, SnapshotComparison, SnapshotSummary, TakenSnapshot } from '../snapshots'

/** One participant's pulse answer set as POST …/pulse records it. */
export interface PulseAnswerSet {
  session: string
  at: number
  understood: number | null
  learned: number | null
  represents: number | null
}

/** GET …/pulse: the answer sets (of one session, or all) with who gave them, and the profile's per-group summary. */
export interface PulseList {
  session?: string
  answers: Array<PulseAnswerSet & { participant: ParticipantView }>
  summary: Record<'understood' | 'learned' | 'represents', PulseItemSummary>
}

/**
 * The routes of a board's history, sessions, snapshots, scores and report (admin or the board's
 * facilitator; the pulse is answered with a participant's own token). The server validates each
 * body and query with the schema named here (server/http/routes/history-api.ts and its parts).
 */
export const HISTORY_API = {
  sessions: route<{ sessions: BoardSession[]; gapMinutes: number }>()('GET', '/api/boards/:id/sessions'),
  startSession: route<BoardSession, undefined, z.input<typeof StartSessionBody>>()('POST', '/api/boards/:id/sessions/start'),
  endSession: route<BoardSession>()('POST', '/api/boards/:id/sessions/end'),
  snapshots: route<{ snapshots: SnapshotSummary[] }, z.input<typeof SessionQuery>>()('GET', '/api/boards/:id/snapshots'),
  takeSnapshot: route<TakenSnapshot, undefined, z.input<typeof SnapshotBody>>()('POST', '/api/boards/:id/snapshots'),
  compareSnapshots: route<SnapshotComparison, z.input<typeof CompareSnapshotsQuery>>()('GET', '/api/boards/:id/snapshots/compare'),
  snapshot: route<Snapshot>()('GET', '/api/boards/:id/snapshots/:sid'),
  history: route<HistoryPage, z.input<typeof HistoryQuery>>()('GET', '/api/boards/:id/history'),
  map: route<MapAt, z.input<typeof MapQuery>>()('GET', '/api/boards/:id/map'),
  metrics: route<{ at: number; session?: string; metrics: MetricsProfile; baseline?: unknown }, z.input<typeof MetricsQuery>>()('GET', '/api/boards/:id/metrics'),
  report: route<ReportData, z.input<typeof SessionQuery>>()('GET', '/api/boards/:id/report'),
  /** The report's picture of the map at T (SVG text; the client reads it as a Blob). */
  reportPicture: route<never, z.input<typeof MapQuery>>()('GET', '/api/boards/:id/report/picture'),
  pulse: route<PulseAnswerSet, undefined, z.input<typeof PulseBody>>()('POST', '/api/boards/:id/pulse'),
  pulses: route<PulseList, z.input<typeof SessionQuery>>()('GET', '/api/boards/:id/pulse')
} as const
