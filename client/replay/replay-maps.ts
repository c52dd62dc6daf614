import type { ReplayMap } from './replay-api'
import { lastIndexAt, type ReplayEvent } from './replay-model'

/** Maps fetched ahead of the playhead, and how many requests may be on their way at once. */
const LOOKAHEAD = 24
const MAX_IN_FLIGHT = 4
const MAX_CACHED = 600

/**
 * The map at each event moment of the timeline, keyed by the index of the moment's last event (-1:
 * before the first). Fetched from `GET …/map?at=` on demand and ahead of a playing playhead, so that
 * playback at 64× shows, at every frame, the map of the event the list marks as current: the
 * playhead waits at a moment whose map has not arrived rather than run ahead of it.
 */
export class ReplayMaps {
  private readonly cache = new Map<number, ReplayMap>()
  private readonly loading = new Map<number, Promise<ReplayMap | null>>()
  private generation = 0

  constructor(
    private readonly fetchMap: (at: number) => Promise<ReplayMap>,
    /** A map arrived (the page may now show it, or move on). */
    private readonly onLoaded: () => void
  ) {}

  /** New events or another session: forget every map. */
  reset(): void {
    this.generation++
    this.cache.clear()
    this.loading.clear()
  }

  get(key: number): ReplayMap | undefined {
    return this.cache.get(key)
  }

  /** The map of moment `key` (fetched if needed); null when it was reset meanwhile. */
  load(events: readonly ReplayEvent[], key: number, start: number): Promise<ReplayMap | null> {
    const cached = this.cache.get(key)
    if (cached) return Promise.resolve(cached)
    const pending = this.loading.get(key)
    if (pending) return pending
    const generation = this.generation
    const at = key >= 0 ? events[key]!.at : Math.min(start, (events[0]?.at ?? start + 1) - 1)
    const request = this.fetchMap(at).then((map) => {
      if (generation !== this.generation) return null
      this.loading.delete(key)
      this.cache.set(key, map)
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!)
      this.onLoaded()
      return map
    })
    request.catch(() => this.loading.delete(key))
    this.loading.set(key, request)
    return request
  }

  /**
   * Where a playhead moving from `from` to `to` may go now: up to just before the first moment
   * whose map is not here yet (which is then fetched). Also fetches the moments after it.
   */
  reachable(events: readonly ReplayEvent[], from: number, to: number, start: number): number {
    const here = lastIndexAt(events, from)
    const there = lastIndexAt(events, to)
    let limit = to
    for (let i = here + 1; i <= there; i++) {
      const key = momentKey(events, i)
      if (this.cache.has(key)) continue
      limit = Math.max(from, events[i]!.at - 1)
      break
    }
    this.prefetch(events, lastIndexAt(events, limit), start)
    return limit
  }

  private prefetch(events: readonly ReplayEvent[], after: number, start: number): void {
    let queued = 0
    for (let i = after + 1; i < events.length && queued < LOOKAHEAD; i++) {
      const key = momentKey(events, i)
      if (key !== i) continue
      queued++
      if (this.cache.has(key) || this.loading.has(key)) continue
      if (this.loading.size >= MAX_IN_FLIGHT) return
      this.load(events, key, start).catch(() => {})
    }
  }
}

/** The key of event `i`'s moment: the last event sharing its time (one update makes several). */
function momentKey(events: readonly ReplayEvent[], i: number): number {
  let k = i
  while (k + 1 < events.length && events[k + 1]!.at === events[i]!.at) k++
  return k
}
