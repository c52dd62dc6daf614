import { html, nothing } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { PULSE_ITEMS } from '../../shared/metrics/pulse'
import { harvestSummary } from '../../shared/report/harvest-summary'
import { formatValue, percentileReading, readingOf, shownMetrics } from '../../shared/report/metric-catalogue'
import { networkSvg } from '../../shared/report/network-svg'
import type { ReportData } from '../../shared/report/report-data'
import { GROUP_NAME, PULSE_STATEMENTS, nodeResolver, personLabel, sideLabel, utcTime, votesCaption } from '../../shared/report/report-html'
import { contributionsPerGroup, contributionsPerPerson, metricOverTime, pulsePerGroup, votesPerConcept } from './charts'
import './cg-chart'


/** Each metric: value, plain reading, range, formula and source on demand, and its course over time. */
export function profileSection(data: ReportData) {
  return html`<h2 id="profile-title">The profile</h2>
    <div class="metrics" role="list" aria-labelledby="profile-title">
      ${shownMetrics(data.profile).map((def) => {
        const v = def.value(data.profile)
        const titleId = `metric-${def.key.replace(/\./g, '-')}`
        // A <div>: a <section> may not take the listitem role.
        return html`<div class="metric" role="listitem" data-metric=${def.key} aria-labelledby=${titleId}>
          <h3 id=${titleId}>${def.label}</h3>
          <p class="value ${v === null ? 'null' : ''}">${formatValue(def, v)}</p>
          <p class="reading">${readingOf(def, data.profile, data.contributions)}</p>
          <p class="range">Range: ${def.range}</p>
          <details>
            <summary>Formula and source</summary>
            <p>${def.formula}</p>
            <p>${def.source}</p>
            <p class="muted">metrics.md, ${def.section}</p>
          </details>
          ${def.overTime
            ? html`<cg-chart chart-id=${`metric:${def.key}`} .config=${metricOverTime(def, data.timeline)} label=${`${def.label} over the session's time`}></cg-chart>`
            : nothing}
        </div>`
      })}
    </div>`
}

/** Learning from customers against learning with them (metrics.md 11). */
export function harvestSection(data: ReportData) {
  const h = harvestSummary(data.profile)
  return html`<h2 id="harvest-title">Harvested vs built together</h2>
    <section class="harvest" aria-labelledby="harvest-title">
      <p class="reading">${h.sentence}</p>
      ${data.profile.stream.coverage === null ? nothing : html`<table class="harvest-table">
        <tbody>
          ${h.rows.map(
            (r) => html`<tr data-harvest=${r.key}>
              <th scope="row">${r.label}</th>
              <td class="value ${r.value === null ? 'null' : ''}">${r.value === null ? 'not enough data' : `${Math.round(r.value * 100)}%`}</td>
              <td class="bar" aria-hidden="true"><span style=${`width:${Math.round((r.value ?? 0) * 100)}%`}></span></td>
            </tr>`
          )}
        </tbody>
      </table>`}
    </section>`
}

/** The map's picture on the page: its SVG, why it could not be had, or null while it is coming. */
export type MapPicture = { svg: string } | { error: string } | null

/** The map as it stood at the report's moment: what the figures are about (its picture is fetched after the report). */
export function mapSection(data: ReportData, picture: MapPicture) {
  const body =
    picture === null
      ? html`<p class="muted picture-status" role="status">Drawing the map…</p>`
      : 'error' in picture
        ? html`<p class="error picture-status" role="alert">The map's picture could not be loaded: ${picture.error}</p>`
        : html`<div role="img" aria-label=${`The concept map at ${utcTime(data.at)}`}>${unsafeHTML(picture.svg)}</div>`
  return html`<h2>The map</h2>
    <figure class="map-picture">
      ${body}
      <figcaption class="muted">As it stood at ${utcTime(data.at)}. Concepts and links are outlined in the colour of the side that created them.</figcaption>
    </figure>`
}

export function baselineSection(data: ReportData) {
  const b = data.baseline
  const rows = [
    ['Bridging', b.bridging],
    ['Uptake by the brand', b.uptake.brand],
    ['Uptake by the customers', b.uptake.customer]
  ] as const
  return html`<h2>Against chance</h2>
    <p>Each figure is compared with the same work when the people are shuffled at random between the two sides (${b.iterations.toLocaleString('en')} times).</p>
    <ul class="baseline">
      ${rows.map(([label, r]) => html`<li data-baseline=${label}><strong>${label}</strong>: ${percentileReading(r)}.</li>`)}
    </ul>`
}

export function contributionsSection(data: ReportData) {
  const people = data.contributions.people
  return html`<h2>Contributions</h2>
    <div class="charts">
      <cg-chart chart-id="people" .config=${contributionsPerPerson(data)} label="Contributions per person" style=${`--chart-height:${Math.max(200, 60 + people.length * 28)}px`}></cg-chart>
      <cg-chart chart-id="groups" .config=${contributionsPerGroup(data)} label="Contributions per side"></cg-chart>
    </div>
    <div class="table-scroll" role="region" aria-labelledby="contributions-caption" tabindex="0">
      <table>
        <caption id="contributions-caption">Contributions per person</caption>
        <thead>
          <tr><th scope="col">Person</th><th scope="col">Side</th><th scope="col">Content events</th><th scope="col">Uptake</th><th scope="col">Moves and restyles</th></tr>
        </thead>
        <tbody>
          ${people.map(
            (c) => html`<tr>
              <td>${personLabel(c.person)}</td>
              <td>${sideLabel(c.person)}</td>
              <td>${c.content}</td>
              <td>${c.uptake}</td>
              <td>${c.move + c.restyle}</td>
            </tr>`
          )}
        </tbody>
      </table>
    </div>`
}

export function networkSection(data: ReportData) {
  return html`<h2>Who built on whose ideas</h2>
    <p class="muted">Arrows point from the person who built to the person whose work they built on; solid teal arrows cross the sides (uptake), dashed grey ones stay inside a side. Brand people are blue, customers amber.</p>
    <div class="network">${unsafeHTML(networkSvg(data.network, nodeResolver(data)))}</div>`
}

export function pulseSection(data: ReportData) {
  return html`<h2>Pulse answers</h2>
    <div class="charts"><cg-chart chart-id="pulse" .config=${pulsePerGroup(data)} label="Mean pulse answers per side"></cg-chart></div>
    <div class="table-scroll" role="region" aria-labelledby="pulse-caption" tabindex="0">
      <table>
        <caption id="pulse-caption">Pulse answers per side (count of each answer)</caption>
        <thead>
          <tr>
            <th scope="col">Statement</th><th scope="col">Side</th><th scope="col">1</th><th scope="col">2</th><th scope="col">3</th><th scope="col">4</th><th scope="col">5</th><th scope="col">Refused</th><th scope="col">Mean</th>
          </tr>
        </thead>
        <tbody>
          ${PULSE_ITEMS.flatMap((item) =>
            (['B', 'U'] as const).map((group) => {
              const t = data.pulse[item][group]
              const mean = data.profile.pulse[item][group === 'B' ? 'brand' : 'customer']
              return html`<tr>
                <td>${PULSE_STATEMENTS[item]}</td>
                <td>${GROUP_NAME[group]}</td>
                ${t.counts.map((n) => html`<td>${n}</td>`)}
                <td>${t.refused}</td>
                <td>${mean === null ? 'not enough data' : mean.toFixed(2)}</td>
              </tr>`
            })
          )}
        </tbody>
      </table>
    </div>`
}

/** The dot-vote round priorities scores: dots per concept by side (absent without a closed round). */
export function votesSection(data: ReportData) {
  const v = data.votes
  if (!v) return nothing
  return html`<h2>Dot votes: ${v.round.name}</h2>
    <p class="muted">${votesCaption(v)}</p>
    <div class="charts">
      <cg-chart chart-id="votes" .config=${votesPerConcept(data)} label="Dots per concept by side" style=${`--chart-height:${Math.max(200, 60 + v.concepts.length * 28)}px`}></cg-chart>
    </div>
    <div class="table-scroll" role="region" aria-labelledby="votes-caption" tabindex="0">
      <table data-votes>
        <caption id="votes-caption">Dots per concept by side</caption>
        <thead>
          <tr><th scope="col">Concept</th><th scope="col">Brand</th><th scope="col">Customers</th></tr>
        </thead>
        <tbody>
          ${v.concepts.map((c) => html`<tr><td>${c.label ?? `${c.id} (gone)`}</td><td>${c.B}</td><td>${c.U}</td></tr>`)}
        </tbody>
      </table>
    </div>`
}
