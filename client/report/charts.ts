import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration
} from 'chart.js'
import { PULSE_ITEMS } from '../../shared/metrics/pulse'
import { type MetricDefinition } from '../../shared/report/metric-catalogue'
import { GROUP_COLOURS } from '../../shared/report/network-svg'
import type { ContributionCounts, ReportData, TimelinePoint } from '../../shared/report/report-data'

/** Only the Chart.js pieces the report draws (the rest is tree-shaken away). Idempotent. */
export function registerCharts(): void {
  Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Legend, Tooltip)
}

export type ReportChartConfig = ChartConfiguration<'line'> | ChartConfiguration<'bar'>

const UPTAKE = '#0f766e'
const OTHER = '#94a3b8'
const MOVES = '#cbd5e1'
const INK = '#334155'

/** Time of day; with seconds when the whole span is short, so neighbouring ticks differ. */
const clock = (t: number, spanMs: number) =>
  new Date(t).toLocaleTimeString([], spanMs < 30 * 60_000 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' })

/** Shared options: no animation (the saved report copies the canvas at once) and readable ink. */
function base() {
  return { animation: false as const, responsive: true, maintainAspectRatio: false, color: INK }
}

/** One metric over the scope's time: the evenly spaced samples as a line, snapshots as squares. */
export function metricOverTime(def: MetricDefinition, timeline: readonly TimelinePoint[]): ChartConfiguration<'line'> {
  const point = (t: TimelinePoint) => ({ x: t.at, y: def.value(t.metrics) })
  const samples = timeline.filter((t) => t.source === 'sample').map(point)
  const snapshots = timeline.filter((t) => t.source === 'snapshot').map(point)
  const span = timeline.length > 1 ? (timeline.at(-1) as TimelinePoint).at - (timeline[0] as TimelinePoint).at : 0
  return {
    type: 'line',
    data: {
      datasets: [
        { label: def.label, data: samples, borderColor: '#1e40af', backgroundColor: '#1e40af', pointRadius: 2, spanGaps: false, borderWidth: 2 },
        { label: 'Snapshots', data: snapshots, showLine: false, borderColor: '#be123c', backgroundColor: '#be123c', pointStyle: 'rect', pointRadius: 4 }
      ]
    },
    options: {
      ...base(),
      plugins: { legend: { display: false } },
      scales: {
        x: { type: 'linear', ticks: { color: INK, maxTicksLimit: 4, callback: (v) => clock(Number(v), span) } },
        y: { type: 'linear', ticks: { color: INK, maxTicksLimit: 5 }, ...(def.min !== null ? { min: def.min } : {}), ...(def.max !== null ? { max: def.max } : {}) }
      }
    }
  }
}

function stacked(labels: string[], rows: readonly ContributionCounts[], horizontal: boolean): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Built on the other side (uptake)', data: rows.map((r) => r.uptake), backgroundColor: UPTAKE },
        { label: 'Other content events', data: rows.map((r) => r.content - r.uptake), backgroundColor: OTHER },
        { label: 'Moves and restyles', data: rows.map((r) => r.move + r.restyle), backgroundColor: MOVES }
      ]
    },
    options: {
      ...base(),
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { position: 'bottom', labels: { color: INK } } },
      scales: {
        x: { stacked: true, ticks: { color: INK, precision: 0 } },
        y: { stacked: true, ticks: { color: INK, precision: 0 } }
      }
    }
  }
}

const SIDE = { B: 'brand', U: 'customer' } as const

export function contributionsPerPerson(data: ReportData): ChartConfiguration<'bar'> {
  const people = data.contributions.people
  const labels = people.map((c) => `${c.person.name ?? c.person.id} (${c.person.group ? SIDE[c.person.group] : c.person.role})`)
  return stacked(labels, people, true)
}

export function contributionsPerGroup(data: ReportData): ChartConfiguration<'bar'> {
  const groups = data.contributions.groups
  return stacked(groups.map((g) => (g.group === 'B' ? `Brand (${g.people})` : `Customers (${g.people})`)), groups, false)
}

export function pulsePerGroup(data: ReportData): ChartConfiguration<'bar'> {
  const p = data.profile.pulse
  return {
    type: 'bar',
    data: {
      labels: ['Understood my view', 'Learned something new', 'Map represents us'],
      datasets: [
        { label: 'Brand (mean)', data: PULSE_ITEMS.map((i) => p[i].brand), backgroundColor: GROUP_COLOURS.B },
        { label: 'Customers (mean)', data: PULSE_ITEMS.map((i) => p[i].customer), backgroundColor: GROUP_COLOURS.U }
      ]
    },
    options: {
      ...base(),
      plugins: { legend: { position: 'bottom', labels: { color: INK } } },
      scales: { x: { ticks: { color: INK } }, y: { min: 0, max: 5, ticks: { color: INK, stepSize: 1 } } }
    }
  }
}

/** Dots per concept of the scored vote round, one bar per concept split by side (metrics.md 12's vB and vU). */
export function votesPerConcept(data: ReportData): ChartConfiguration<'bar'> {
  const concepts = data.votes?.concepts ?? []
  return {
    type: 'bar',
    data: {
      labels: concepts.map((c) => c.label ?? `${c.id} (gone)`),
      datasets: [
        { label: 'Brand dots', data: concepts.map((c) => c.B), backgroundColor: GROUP_COLOURS.B },
        { label: 'Customer dots', data: concepts.map((c) => c.U), backgroundColor: GROUP_COLOURS.U }
      ]
    },
    options: {
      ...base(),
      indexAxis: 'y',
      plugins: { legend: { position: 'bottom', labels: { color: INK } } },
      scales: { x: { stacked: true, ticks: { color: INK, precision: 0 } }, y: { stacked: true, ticks: { color: INK } } }
    }
  }
}
