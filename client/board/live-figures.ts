import { svg } from 'lit'
import type { MetricsProfile } from '../../shared/metrics/types'

/** One figure of the cockpit: its metrics.md name, label, value and the range its sparkline spans. */
export interface LiveFigure {
  key: string
  label: string
  value: (m: MetricsProfile) => number | null
  min: number
  max: number
}

/** Learning *with*: the figures the cockpit always shows, each with its sparkline (metrics.md names). */
export const LEARNING_WITH_FIGURES: readonly LiveFigure[] = [
  { key: 'balance', label: 'Balance', value: (m) => m.balance, min: 0, max: 1 },
  { key: 'equity', label: 'Equity', value: (m) => m.equity, min: 0, max: 1 },
  { key: 'commonGround', label: 'Common ground', value: (m) => m.commonGround, min: 0, max: 1 },
  { key: 'bridging', label: 'Bridging', value: (m) => m.bridging, min: -1, max: 1 },
  { key: 'uptake.brand', label: 'Uptake by brand', value: (m) => m.uptake.brand, min: 0, max: 1 },
  { key: 'uptake.customer', label: 'Uptake by customers', value: (m) => m.uptake.customer, min: 0, max: 1 }
]

/** Learning *from*: metrics.stream (metrics.md 11), shown once a stream was loaded into the board. */
export const STREAM_FIGURES: readonly LiveFigure[] = [
  { key: 'stream.harvest', label: 'Harvested from the stream', value: (m) => m.stream.harvest, min: 0, max: 1 },
  { key: 'stream.beyond', label: 'Built beyond it', value: (m) => m.stream.beyond, min: 0, max: 1 },
  { key: 'stream.coverage', label: 'Stream items used', value: (m) => m.stream.coverage, min: 0, max: 1 }
]

export const ALL_LIVE_FIGURES: readonly LiveFigure[] = [...LEARNING_WITH_FIGURES, ...STREAM_FIGURES]

/** Whether the board has a stream: coverage's denominator is the stream's size, so it is null only without one. */
export const hasStream = (m: MetricsProfile): boolean => m.stream.coverage !== null

/** A small line of a figure over the session so far (gaps where it was null). */
export function sparkline(points: ReadonlyArray<{ at: number; v: number | null }>, min: number, max: number) {
  if (points.length < 2) return svg`<svg viewBox="0 0 100 24" aria-hidden="true"></svg>`
  const t0 = points[0]!.at
  const span = Math.max(1, points.at(-1)!.at - t0)
  let d = ''
  let pen = false
  for (const p of points) {
    if (p.v === null) {
      pen = false
      continue
    }
    const x = ((p.at - t0) / span) * 100
    const y = 22 - ((p.v - min) / (max - min)) * 20
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `
    pen = true
  }
  return svg`<svg viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true"><path d=${d.trim()} fill="none" stroke="#1e40af" stroke-width="1.5" vector-effect="non-scaling-stroke"></path></svg>`
}
