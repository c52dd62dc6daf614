import type { MetricsProfile } from '../../shared/metrics'
import type { TimelinePoint } from '../../shared/report/report-data'
import { sampleMoments } from '../../shared/report/timeline-moments'
import type { SnapshotService } from '../snapshots/snapshot-service'

/** Evenly spaced moments at which the report samples the profile. */
export const TIMELINE_SAMPLES = 24

export interface TimelineScope {
  boardId: string
  from: number
  at: number
  /** Scoped to a session: snapshots' stored (whole-board) profiles do not apply and are recomputed. */
  scoped: boolean
}

/** A stored snapshot profile from before the profile had every figure is recomputed instead. */
function looksLikeProfile(m: unknown): m is MetricsProfile {
  return typeof m === 'object' && m !== null && 'balance' in m && 'structure' in m && 'convergence' in m && 'pulse' in m
}

/**
 * The profile over the scope's time: `TIMELINE_SAMPLES` evenly spaced moments plus every
 * snapshot taken inside the scope (its stored profile when the report is of the whole board, which
 * is what the snapshot scored), oldest first.
 */
export async function reportTimeline(
  deps: { snapshots: SnapshotService; profilesAt: (moments: readonly number[]) => Promise<MetricsProfile[]> },
  scope: TimelineScope
): Promise<TimelinePoint[]> {
  const moments = sampleMoments(scope.from, scope.at, TIMELINE_SAMPLES)
  const points: TimelinePoint[] = []
  const sampled = await deps.profilesAt(moments)
  moments.forEach((at, i) => points.push({ at, source: 'sample', metrics: sampled[i] as MetricsProfile }))

  const inScope = (await deps.snapshots.list(scope.boardId)).filter((s) => s.at >= scope.from && s.at <= scope.at)
  const recompute: Array<{ at: number; name: string }> = []
  for (const s of inScope) {
    const stored = scope.scoped ? null : (await deps.snapshots.get(scope.boardId, s.id))?.metrics
    if (looksLikeProfile(stored)) points.push({ at: s.at, source: 'snapshot', name: s.name, metrics: stored })
    else recompute.push({ at: s.at, name: s.name })
  }
  const recomputed = await deps.profilesAt(recompute.map((s) => s.at))
  recompute.forEach((s, i) => points.push({ at: s.at, source: 'snapshot', name: s.name, metrics: recomputed[i] as MetricsProfile }))
  return points.sort((a, b) => a.at - b.at || (a.source === b.source ? 0 : a.source === 'sample' ? -1 : 1))
}
