import { escapeXml } from '../exchange/escape-xml'
import { PULSE_ITEMS } from '../metrics/pulse'
import { formatValue, percentileReading, readingOf, shownMetrics } from './metric-catalogue'
import { networkSvg, type NetworkNode } from './network-svg'
import type { ReportData, ReportPerson } from './report-data'
import { harvestSummary } from './harvest-summary'

/** Chart images by chart id (`metric:<key>`, `people`, `groups`, `pulse`, `votes`), as PNG data URLs. */
export type ChartImages = Readonly<Record<string, string>>

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/

/** The pulse items' statements, for tables. */
export const PULSE_STATEMENTS: Record<(typeof PULSE_ITEMS)[number], string> = {
  understood: 'The other side understood my view',
  learned: 'I learned something new about the other side',
  represents: 'This map represents what we share'
}

/** The sides as the report's tables name them. */
export const GROUP_NAME = { B: 'Brand', U: 'Customers' } as const

export const utcTime = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`

export function personLabel(p: ReportPerson): string {
  return p.name ?? p.id
}

/** A person's side as the tables name it; one on neither side (a facilitator) by their role. */
export function sideLabel(p: ReportPerson): string {
  return p.group ? GROUP_NAME[p.group] : p.role.charAt(0).toUpperCase() + p.role.slice(1)
}

export function scopeLabel(data: ReportData): string {
  const s = data.session
  if (!s) return 'The whole board'
  return s.name ?? `Session of ${utcTime(s.start)}`
}

export function nodeResolver(data: ReportData): (id: string) => NetworkNode {
  const people = new Map(data.people.map((p) => [p.id, p]))
  return (id) => {
    const p = people.get(id)
    return { id, label: p ? personLabel(p) : id, group: p?.group ?? null }
  }
}

const STYLE = `
body{margin:0 auto;max-width:980px;padding:24px 16px;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#0f172a;background:#fff}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.2rem;margin:28px 0 8px;border-bottom:1px solid #cbd5e1;padding-bottom:4px}
h3{font-size:1rem;margin:0}p{margin:4px 0}.muted{color:#475569}
.metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(290px,100%),1fr));gap:12px}
.metric{border:1px solid #cbd5e1;border-radius:8px;padding:10px 12px}
.value{font-size:1.5rem;font-weight:700}.value.null{font-size:1.1rem;color:#475569;font-style:italic}
.range{font-size:.85rem;color:#475569}details{margin-top:4px;font-size:.9rem}summary{cursor:pointer;color:#1e40af}
img{max-width:100%;height:auto;display:block}table{border-collapse:collapse;margin:8px 0;font-size:.9rem}
th,td{border:1px solid #cbd5e1;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
.map-picture{margin:8px 0}.map-picture svg{width:100%;height:auto;max-height:70vh;display:block;border:1px solid #cbd5e1;border-radius:8px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(360px,100%),1fr));gap:16px}
svg.uptake-network{display:block;margin:0 auto;min-width:min(100%,560px);max-width:100%;height:auto}
.table-scroll{overflow-x:auto;max-width:100%;background:linear-gradient(to right,#fff 40%,rgb(255 255 255/0)) left/28px 100% no-repeat local,linear-gradient(to left,#fff 40%,rgb(255 255 255/0)) right/28px 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgb(15 23 42/.28),transparent) left/12px 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgb(15 23 42/.28),transparent) right/12px 100% no-repeat scroll}.table-scroll:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
`

/**
 * A captioned table's start: it scrolls in a region named by its caption (a phone shows part of it,
 * not the page sideways), with a column header each. Closed by TABLE_END.
 */
function tableStart(caption: string, columns: readonly string[]): string {
  const head = columns.map((c) => `<th scope="col">${escapeXml(c)}</th>`).join('')
  return `<div class="table-scroll" role="region" aria-label="${escapeXml(caption)}" tabindex="0"><table><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>`
}
const TABLE_END = '</tbody></table></div>'

/** What the votes section says of its round. */
export function votesCaption(v: NonNullable<ReportData['votes']>): string {
  return `The round metrics.md 12 scores (the latest closed by the report's moment): ${v.round.dots} dot${v.round.dots === 1 ? '' : 's'} each, closed ${utcTime(v.round.closedAt)}.`
}

/**
 * The report as one standalone HTML file: inline CSS, charts as PNG data URLs, the network as inline
 * SVG, no script and no external reference (its own CSP forbids any), so it opens offline and
 * can be mailed or archived. Everything participants wrote is escaped. `mapSvg` is the map's picture
 * (`GET …/report/picture`, inline SVG whose labels the server escaped).
 */
export function buildStandaloneReport(data: ReportData, charts: ChartImages, mapSvg: string): string {
  const e = escapeXml
  const img = (id: string, alt: string) => {
    const src = charts[id]
    return src !== undefined && PNG_DATA_URL.test(src) ? `<img src="${src}" alt="${e(alt)}">` : ''
  }
  const out: string[] = []
  out.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(`Report: ${data.board.title}`)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${e(data.board.title)}</h1>`,
    data.board.focusQuestion ? `<p>Focus question: ${e(data.board.focusQuestion)}</p>` : '',
    `<p class="muted">${e(scopeLabel(data))}, ${e(utcTime(data.from))} to ${e(utcTime(data.at))}. Report made ${e(utcTime(data.generatedAt))}.</p></header>`,
    '<main><h2>The map</h2>',
    `<figure class="map-picture"><div role="img" aria-label="${e(`The concept map at ${utcTime(data.at)}`)}">${mapSvg}</div>`,
    `<figcaption class="muted">As it stood at ${e(utcTime(data.at))}. Concepts and links are outlined in the colour of the side that created them.</figcaption></figure>`,
    '<h2>The profile</h2><div class="metrics">'
  )
  for (const def of shownMetrics(data.profile)) {
    const v = def.value(data.profile)
    out.push(
      `<section class="metric" data-metric="${e(def.key)}"><h3>${e(def.label)}</h3>`,
      `<p class="value${v === null ? ' null' : ''}">${e(formatValue(def, v))}</p>`,
      `<p>${e(readingOf(def, data.profile, data.contributions))}</p><p class="range">Range: ${e(def.range)}</p>`,
      `<details><summary>Formula and source</summary><p>${e(def.formula)}</p><p>${e(def.source)}</p><p class="muted">metrics.md, ${e(def.section)}</p></details>`,
      def.overTime ? img(`metric:${def.key}`, `${def.label} over time`) : '',
      '</section>'
    )
  }
  const harvest = harvestSummary(data.profile)
  out.push('</div><h2>Harvested vs built together</h2>', `<p>${e(harvest.sentence)}</p><table class="harvest"><tbody>`)
  for (const r of harvest.rows) {
    out.push(`<tr data-harvest="${e(r.key)}"><th scope="row">${e(r.label)}</th><td>${r.value === null ? 'not enough data' : `${Math.round(r.value * 100)}%`}</td></tr>`)
  }
  out.push('</tbody></table>', '<h2>Against chance</h2><p>Each figure is compared with the same work under random regroupings of the people into the two sides.</p><ul>')
  const b = data.baseline
  for (const [label, r] of [
    ['Bridging', b.bridging],
    ['Uptake by the brand', b.uptake.brand],
    ['Uptake by the customers', b.uptake.customer]
  ] as const) {
    out.push(`<li><strong>${label}</strong>: ${e(percentileReading(r))}.</li>`)
  }
  out.push('</ul><h2>Contributions</h2><div class="charts">', img('people', 'Contributions per person'), img('groups', 'Contributions per group'), '</div>')
  out.push(tableStart('Contributions per person', ['Person', 'Side', 'Content events', 'Uptake', 'Moves and restyles']))
  for (const c of data.contributions.people) {
    out.push(`<tr><td>${e(personLabel(c.person))}</td><td>${e(sideLabel(c.person))}</td><td>${c.content}</td><td>${c.uptake}</td><td>${c.move + c.restyle}</td></tr>`)
  }
  out.push(TABLE_END, tableStart('Contributions per side', ['Side', 'People', 'Content events', 'Uptake']))
  for (const g of data.contributions.groups) out.push(`<tr><td>${GROUP_NAME[g.group]}</td><td>${g.people}</td><td>${g.content}</td><td>${g.uptake}</td></tr>`)
  out.push(TABLE_END, '<h2>Who built on whose ideas</h2>', networkSvg(data.network, nodeResolver(data)))
  out.push('<h2>Pulse answers</h2>', img('pulse', 'Pulse answers per side'))
  out.push(tableStart('Pulse answers per side (count of each answer)', ['Statement', 'Side', '1', '2', '3', '4', '5', 'Refused', 'Mean']))
  for (const item of PULSE_ITEMS) {
    for (const group of ['B', 'U'] as const) {
      const t = data.pulse[item][group]
      const mean = data.profile.pulse[item][group === 'B' ? 'brand' : 'customer']
      out.push(
        `<tr><td>${e(PULSE_STATEMENTS[item])}</td><td>${GROUP_NAME[group]}</td>${t.counts.map((n) => `<td>${n}</td>`).join('')}<td>${t.refused}</td><td>${mean === null ? 'not enough data' : mean.toFixed(2)}</td></tr>`
      )
    }
  }
  out.push(TABLE_END)
  if (data.votes) {
    const v = data.votes
    out.push(`<h2>Dot votes: ${e(v.round.name)}</h2>`, `<p class="muted">${e(votesCaption(v))}</p>`, img('votes', 'Dots per concept by side'))
    out.push(tableStart('Dots per concept by side', ['Concept', 'Brand', 'Customers']))
    for (const c of v.concepts) out.push(`<tr><td>${e(c.label ?? `${c.id} (gone)`)}</td><td>${c.B}</td><td>${c.U}</td></tr>`)
    out.push(TABLE_END)
  }
  out.push('</main></body></html>')
  return out.join('\n')
}
