import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { ReplayMap } from './replay-api'
import { ReplayMaps } from './replay-maps'
import { advance, lastIndexAt, stepMoment, type ReplayEvent } from './replay-model'

export const SPEEDS = [1, 2, 4, 8, 16, 32, 64] as const

/**
 * The replay's playhead over a timeline of events: the moment shown (`t`, between `start` and
 * `end`), played frame by frame at 1×–64× or stepped event to event, and the map as it stood then
 * (fetched through ReplayMaps; a playing playhead never runs ahead of a map that has not arrived).
 * While `following`, the playhead stays at the end of a live timeline as the end moves on.
 */
export class ReplayPlayhead implements ReactiveController {
  events: readonly ReplayEvent[] = []
  t = 0
  start = 0
  end = 0
  playing = false
  speed = 8
  following = true
  /** The map at the playhead, or the last one shown while the playhead's is on its way. */
  map: ReplayMap | null = null
  readonly maps: ReplayMaps
  /** The moment (index of its last event) whose map is shown. */
  private mapShownAt = NaN
  private frame = 0
  private lastFrame = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    fetchMap: (at: number) => Promise<ReplayMap>,
    /** Whether the timeline's end is the present (the whole board, or a session still running). */
    private readonly live: () => boolean,
    private readonly failed: (e: Error) => void
  ) {
    host.addController(this)
    this.maps = new ReplayMaps(fetchMap, () => this.showLoadedMap())
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame)
  }

  /** A new timeline (the first load, another session): the playhead goes to its end and follows it. */
  timeline(events: readonly ReplayEvent[], start: number, end: number): void {
    this.events = events
    this.maps.reset()
    this.mapShownAt = NaN
    this.start = start
    this.end = end
    this.following = true
    this.seek(end)
  }

  /** A live timeline moved on: new events (maybe none) and its end now. */
  extend(fresh: readonly ReplayEvent[], end: number): void {
    if (fresh.length > 0) {
      this.events = [...this.events, ...fresh]
      // A new event may share the time of the last one: that moment's map is not what it was.
      this.maps.reset()
      this.mapShownAt = NaN
    }
    this.end = end
    if (this.following) this.seek(this.end)
    this.host.requestUpdate()
  }

  /** Moves the playhead and shows the map as it stood then (at once when it is here already). */
  seek(t: number): void {
    this.t = Math.max(this.start, Math.min(this.end, t))
    this.host.requestUpdate()
    const key = lastIndexAt(this.events, this.t)
    if (key === this.mapShownAt && this.map) return
    const map = this.maps.get(key)
    if (map) {
      this.map = map
      this.mapShownAt = key
      return
    }
    this.maps.load(this.events, key, this.start).catch(this.failed)
  }

  /** Shows one moment and stays there (a clicked event, an opened snapshot). */
  jump(t: number): void {
    this.pause()
    this.following = false
    this.seek(t)
  }

  /** The scrubber moved: at the end of a live timeline the playhead follows it again. */
  scrub(t: number): void {
    this.pause()
    this.following = this.live() && t >= this.end
    this.seek(t)
  }

  step(direction: -1 | 1): void {
    this.pause()
    const t = stepMoment(this.events, this.t, direction, this.start)
    this.following = this.live() && t >= this.end
    this.seek(t)
  }

  play(): void {
    if (this.t >= this.end) this.seek(this.start)
    this.playing = true
    this.following = false
    this.lastFrame = performance.now()
    const tick = (now: number) => {
      if (!this.playing) return
      // Never past an event whose map has not arrived: the map and the list move together.
      const next = this.maps.reachable(this.events, this.t, advance(this.t, now - this.lastFrame, this.speed, this.end), this.start)
      this.lastFrame = now
      this.seek(next)
      if (next >= this.end) {
        this.playing = false
        this.following = this.live()
        return
      }
      this.frame = requestAnimationFrame(tick)
    }
    this.frame = requestAnimationFrame(tick)
    this.host.requestUpdate()
  }

  pause(): void {
    this.playing = false
    cancelAnimationFrame(this.frame)
    this.host.requestUpdate()
  }

  /** A map arrived: shown if it is the playhead's. */
  private showLoadedMap(): void {
    const key = lastIndexAt(this.events, this.t)
    const map = this.maps.get(key)
    if (map && key !== this.mapShownAt) {
      this.map = map
      this.mapShownAt = key
      this.host.requestUpdate()
    }
  }
}
