import { isContentKind } from '../../shared/events/element-event'
import { computeProfile, type MetricsInput, type MetricsProfile, type StreamState } from '../../shared/metrics'
import { groupOf } from '../../shared/roles'
import type { BoardMap } from '../../shared/schema/board-map'

const EMPTY_MAP: BoardMap = { title: '', focusQuestion: '', concepts: [], links: [] }

/**
 * The moments the profile as of T reads the map at (T, and convergence's t1 and cut), worked out
 * ahead so that a profile usually takes one run instead of a dry run and a second one. Only a
 * hint: whatever else the scorers ask for is still fetched by the loop below.
 */
function likelyMoments(contentTimes: readonly number[], T: number): number[] {
  let lo = 0
  let hi = contentTimes.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((contentTimes[mid] as number) <= T) lo = mid + 1
    else hi = mid
  }
  if (lo === 0) return [T]
  const t0 = contentTimes[0] as number
  const t1 = contentTimes[lo - 1] as number
  return [T, t1, Math.floor((2 * t0 + t1) / 3)]
}

/**
 * The profile at each of `moments`, over one loaded input (its events, participants and pulses;
 * `computeProfile` ignores what comes after each moment). The scorers read the map synchronously
 * at a few moments that follow from the events, so each profile is a dry run that learns the
 * moments it lacks, a fetch of those, and a second run; maps are shared between moments.
 */
export async function profilesAt(
  input: Omit<MetricsInput, 'at' | 'mapAt'>,
  moments: readonly number[],
  fetchMap: (t: number) => Promise<BoardMap>,
  /** The stream state at a moment (metrics.md 11); absent: stream values null. */
  streamAt: (t: number) => StreamState | undefined = () => undefined
): Promise<MetricsProfile[]> {
  const maps = new Map<number, BoardMap>()
  const out: MetricsProfile[] = []
  const contentTimes = input.events
    .filter((e) => isContentKind(e.kind) && groupOf(e.role) !== null)
    .map((e) => e.at)
    .sort((a, b) => a - b)
  for (const at of moments) {
    for (const t of likelyMoments(contentTimes, at)) if (!maps.has(t)) maps.set(t, await fetchMap(t))
    for (let pass = 0; ; pass++) {
      const missing = new Set<number>()
      const profile = computeProfile({
        ...input,
        at,
        stream: streamAt(at),
        mapAt: (t) => {
          const m = maps.get(t)
          if (m) return m
          missing.add(t)
          return EMPTY_MAP
        }
      })
      if (missing.size === 0) {
        out.push(profile)
        break
      }
      if (pass >= 3) throw new Error('metrics kept asking for new moments of the map')
      for (const t of missing) maps.set(t, await fetchMap(t))
    }
  }
  return out
}
