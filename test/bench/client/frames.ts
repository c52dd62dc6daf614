import type { Page } from 'playwright-core'

export interface FrameStats {
  frames: number
  fps: number
  meanMs: number
  p95Ms: number
  worstMs: number
  over20ms: string
}

/** Frame intervals as a participant feels them: mean as fps, p95, worst, share over 20 ms. */
export function frameStats(intervals: number[]): FrameStats {
  const xs = intervals.slice(1).sort((a, b) => a - b)
  // No interval at all: the page drew no frame in the window (0 fps, not a division by zero).
  const mean = xs.length === 0 ? Infinity : xs.reduce((s, x) => s + x, 0) / xs.length
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0
  const over = xs.filter((x) => x > 20).length
  return {
    frames: xs.length,
    fps: Math.round((1000 / mean) * 10) / 10,
    meanMs: Number.isFinite(mean) ? Math.round(mean * 10) / 10 : 0,
    p95Ms: Math.round(at(0.95) * 10) / 10,
    worstMs: Math.round((xs[xs.length - 1] ?? 0) * 10) / 10,
    over20ms: `${Math.round((over / Math.max(1, xs.length)) * 1000) / 10} %`
  }
}

/**
 * The in-page helpers: a frame recorder (requestAnimationFrame intervals, optionally driving the
 * canvas every frame), a handle on the canvas, and a point of bare background (where a finger or a
 * drag pans). A plain string, so the TypeScript runner's helpers do not leak into the page.
 */
const INSTRUMENT = `
  window.__canvas = () => document.querySelector('cg-board').shadowRoot.querySelector('cg-canvas')
  window.__record = (ms, driver) => new Promise((resolve) => {
    const frames = []
    const drive = driver ? new Function('t', 'i', 'canvas', driver) : null
    const canvas = window.__canvas()
    let last = performance.now()
    const end = last + ms
    let i = 0
    function tick(t) {
      frames.push(t - last)
      last = t
      if (drive) drive(t, i++, canvas)
      if (t < end) requestAnimationFrame(tick)
      else resolve(frames)
    }
    requestAnimationFrame(tick)
  })
  // All of the map on screen, the worst case for drawing (Fit itself stops at a readable zoom).
  window.__showAll = () => {
    const canvas = window.__canvas()
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity
    for (const b of canvas.boxes.values()) {
      minX = Math.min(minX, b.x - b.w / 2); maxX = Math.max(maxX, b.x + b.w / 2)
      minY = Math.min(minY, b.y - b.h / 2); maxY = Math.max(maxY, b.y + b.h / 2)
    }
    const s = canvas.viewportSize()
    // Never below the canvas's own least zoom (0.1), as Fit did before it stopped at a readable zoom.
    const zoom = Math.max(0.1, Math.min(1, (s.w - 32) / (maxX - minX), (s.h - 104) / (maxY - minY)))
    canvas.setViewport({ zoom, x: s.w / 2 - ((minX + maxX) / 2) * zoom, y: (s.h - 72) / 2 - ((minY + maxY) / 2) * zoom })
  }
  // Chromium moves a touch onto a nearby control (touch adjustment), as phones do, so the point
  // is one with bare background 30 px around it.
  window.__background = () => {
    const canvas = window.__canvas()
    const root = canvas.shadowRoot
    const r = canvas.getBoundingClientRect()
    // Nothing there, and no arrow within the canvas's own pick distance (arrows take no pointer
    // events: the canvas finds the one under a press by geometry, and a press on it selects it).
    const bare = (x, y) => {
      const el = root.elementFromPoint(x, y)
      const v = canvas.viewport
      const wx = (x - r.left - v.x) / v.zoom
      const wy = (y - r.top - v.y) / v.zoom
      return el && !el.closest('.box') && !el.closest('path, text, cg-link') && !el.closest('cg-toolbar') && !canvas.linkAt(wx, wy)
    }
    // The middle first, then anywhere on screen, then with less room: at the readable fit (0.7 and
    // more) a dense map's long links leave few 30 px discs of bare background.
    const tries = [[0.3, 0.71, 0.05, 30], [0.05, 0.96, 0.025, 30], [0.05, 0.96, 0.025, 20]]
    for (const [from, to, step, reach] of tries) {
      const d = Math.round(reach * 0.7)
      for (let fy = 0.12; fy < 0.9; fy += 0.01) {
        for (let fx = from; fx < to; fx += step) {
          const x = r.left + r.width * fx
          const y = r.top + r.height * fy
          let ok = true
          for (const [dx, dy] of [[0, 0], [-reach, 0], [reach, 0], [0, -reach], [0, reach], [-d, -d], [d, d], [-d, d], [d, -d]]) ok = ok && bare(x + dx, y + dy)
          if (ok) return { x: Math.round(x), y: Math.round(y) }
        }
      }
    }
    return null
  }
`

export async function instrument(page: Page): Promise<void> {
  await page.evaluate(INSTRUMENT)
}

export const record = (page: Page, ms: number, driver?: string): Promise<number[]> =>
  page.evaluate(`window.__record(${ms}, ${JSON.stringify(driver ?? '')})`) as Promise<number[]>
