import type { MetricsProfile } from '../metrics/types'
import { PULSE_ITEMS } from '../metrics/pulse'
import type { ContributionCounts, ReportData, ReportPerson } from './report-data'

/**
 * The report's data as CSV (RFC 4180, CRLF, UTF-8), one fact per row in ten columns:
 *
 * | column | meaning |
 * |---|---|
 * | section | `metric`, `baseline`, `contribution`, `group-contribution`, `pulse`, `network` or `votes` |
 * | key | what the value is: a profile path (`uptake.brand`), a kind of event, a pulse answer, a concept id (`votes`) |
 * | at | epoch ms the value is as of |
 * | time | the same moment, ISO 8601 UTC |
 * | source | for `metric`: `profile` (the report's moment), `sample` or `snapshot`; for `votes`: the round's id; else empty |
 * | participant | participant id (the author, for `network` rows) |
 * | name | participant name |
 * | group | `B`, `U`, or empty for facilitators and for rows about no one |
 * | target | for `network`: the participant whose work was built on; for `votes`: the concept's label |
 * | value | a number; empty for null ("not enough data") |
 */
export const CSV_COLUMNS = ['section', 'key', 'at', 'time', 'source', 'participant', 'name', 'group', 'target', 'value'] as const

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>

/** Every numeric leaf of the profile by its dotted path, in a fixed order (nulls kept; `priorities.round` is an id, not a figure). */
export function profileFigures(p: MetricsProfile): Array<[string, number | null]> {
  const out: Array<[string, number | null]> = []
  const walk = (value: unknown, path: string) => {
    if (path === 'priorities.round') return
    if (value === null || typeof value === 'number') out.push([path, value as number | null])
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value as object)) walk(v, path ? `${path}.${k}` : k)
  }
  walk(p, '')
  return out
}

const COUNT_KEYS: Array<keyof ContributionCounts> = ['create', 'relabel', 'reconnect', 'delete', 'move', 'restyle', 'content', 'uptake']

export function buildReportCsv(data: ReportData): string {
  const rows: Row[] = []
  const time = (t: number) => new Date(t).toISOString()
  const moment = (at: number) => ({ at, time: time(at) })
  for (const [key, value] of profileFigures(data.profile)) rows.push({ section: 'metric', key, ...moment(data.at), source: 'profile', value })
  for (const point of data.timeline) {
    for (const [key, value] of profileFigures(point.metrics)) rows.push({ section: 'metric', key, ...moment(point.at), source: point.source, value })
  }
  const b = data.baseline
  for (const [key, r] of [['bridging', b.bridging], ['uptake.brand', b.uptake.brand], ['uptake.customer', b.uptake.customer]] as const) {
    rows.push({ section: 'baseline', key: `${key}.observed`, ...moment(data.at), value: r.observed })
    rows.push({ section: 'baseline', key: `${key}.percentile`, ...moment(data.at), value: r.percentile })
    rows.push({ section: 'baseline', key: `${key}.permutations`, ...moment(data.at), value: r.permutations })
  }
  const who = (p: ReportPerson) => ({ participant: p.id, name: p.name ?? '', group: p.group ?? '' })
  for (const c of data.contributions.people) {
    for (const key of COUNT_KEYS) rows.push({ section: 'contribution', key, ...moment(data.at), ...who(c.person), value: c[key] })
  }
  for (const g of data.contributions.groups) {
    for (const key of [...COUNT_KEYS, 'people'] as const) rows.push({ section: 'group-contribution', key, ...moment(data.at), group: g.group, value: g[key] })
  }
  for (const item of PULSE_ITEMS) {
    for (const group of ['B', 'U'] as const) {
      const t = data.pulse[item][group]
      t.counts.forEach((n, i) => rows.push({ section: 'pulse', key: `${item}.${i + 1}`, ...moment(data.at), group, value: n }))
      rows.push({ section: 'pulse', key: `${item}.refused`, ...moment(data.at), group, value: t.refused })
    }
  }
  const people = new Map(data.people.map((p) => [p.id, p]))
  for (const e of data.network.edges) {
    const from = people.get(e.from)
    rows.push({
      section: 'network',
      key: e.uptake ? 'uptake' : 'same-side',
      ...moment(data.at),
      participant: e.from,
      name: from?.name ?? '',
      group: from?.group ?? '',
      target: e.to,
      value: e.weight
    })
  }
  // The scored round's dots per concept and side (metrics.md 12's vB and vU).
  if (data.votes) {
    for (const c of data.votes.concepts) {
      for (const group of ['B', 'U'] as const) {
        rows.push({ section: 'votes', key: c.id, ...moment(data.votes.round.closedAt), source: data.votes.round.id, group, target: c.label ?? '', value: c[group] })
      }
    }
  }
  const lines = [CSV_COLUMNS.join(',')]
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvField(r[c], c === 'name' || c === 'target' || c === 'key')).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/**
 * One CSV field. Names are written by participants: one starting with = + - @ (or a tab or CR)
 * would run as a formula in a spreadsheet, so it gets a leading apostrophe.
 */
export function csvField(value: string | number | null | undefined, text = false): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Parses CSV as written above (for tests and round trips). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
