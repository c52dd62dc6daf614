import { html, LitElement, nothing } from 'lit'
import { groupOf } from '../../shared/roles'
import { hourMinute } from '../model/clock-time'
import { ContributionWindow, liveScopeLine, livePrompts, silentPeople, SILENT_AFTER_MS, type LiveProfileEvent } from '../model/live-prompts'
import { ROLE_COLORS } from '../model/roles-ui'
import { HISTORY_API } from '../../shared/api/routes/history-routes'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import { BoardApiError, boardClient, boardParams, type BoardTarget } from './board-api'
import { livePanelStyles } from './live-panel-styles'
import { ALL_LIVE_FIGURES, hasStream, LEARNING_WITH_FIGURES, sparkline, STREAM_FIGURES, type LiveFigure } from './live-figures'

/** Moments of the running session fetched when the panel opens, so the sparklines start at its start. */
const SEED_MOMENTS = 8
/** How long to wait before opening the stream again after it dropped (the server sends at most one profile a second anyway). */
const REOPEN_AFTER_MS = 2000

/**
 * The facilitator's cockpit: the running session's participation and profile, live from
 * `GET /api/boards/:id/live` (server-sent events; the server sends at most one a second), with
 * plain-words prompts. "Project" switches to a participant-safe version that names nobody.
 */
export class CgLivePanel extends LitElement {
  static override properties = {
    target: { attribute: false },
    sessionStart: { attribute: false },
    silentAfterMs: { attribute: false },
    projected: { state: true },
    latest: { state: true },
    error: { state: true },
    tick: { state: true }
  }

  static override styles = livePanelStyles

  declare target: BoardTarget | null
  /** The running marked session's start, when known (the sparklines then start there). */
  declare sessionStart: number | null
  /** How long without a contribution makes someone quiet (5 minutes; shorter in tests). */
  declare silentAfterMs: number
  declare projected: boolean
  declare latest: LiveProfileEvent | null
  declare error: string
  declare tick: number

  private source: EventSource | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private sourceFor = ''
  private receivedAt = 0
  private window = new ContributionWindow()
  private firstSeen = new Map<string, number>()
  private series = new Map<string, Array<{ at: number; v: number | null }>>()
  private clock: ReturnType<typeof setInterval> | null = null

  constructor() {
    super()
    this.target = null
    this.sessionStart = null
    this.silentAfterMs = SILENT_AFTER_MS
    this.projected = false
    this.latest = null
    this.error = ''
    this.tick = 0
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.setAttribute('role', 'complementary')
    this.setAttribute('aria-label', 'Live view of the session')
    // Quiet is a matter of time passing: look again every few seconds even when nothing arrives.
    this.clock = setInterval(() => (this.tick = this.tick + 1), 5000)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.close()
    if (this.clock) clearInterval(this.clock)
  }

  protected override updated(): void {
    const t = this.target
    const key = t ? `${boardClient(t).url(LIVE_API.live, boardParams(t))}|${t.token}` : ''
    if (key === this.sourceFor) return
    this.close()
    this.sourceFor = key
    if (t) void this.open(t, key)
  }

  /**
   * Opens the stream with a fresh single-use ticket (POST …/live-tickets), so the token never sits in
   * the EventSource's URL; after a drop, again with a new ticket, since EventSource's own reconnect
   * would offer the spent one. Refused rights stop it for good.
   */
  private async open(t: BoardTarget, key: string): Promise<void> {
    let ticket: string
    try {
      ticket = (await boardClient(t).call(LIVE_API.liveTicket, { params: boardParams(t) })).ticket
    } catch (err) {
      if (key !== this.sourceFor) return
      if (err instanceof BoardApiError && (err.status === 401 || err.status === 403 || err.status === 404)) {
        this.error = 'The live view stopped: reopen it to try again.'
        return
      }
      this.reopenLater(t, key)
      return
    }
    if (key !== this.sourceFor) return
    const source = new EventSource(boardClient(t).url(LIVE_API.live, boardParams(t), { ticket }))
    source.addEventListener('profile', (e) => this.onProfile(JSON.parse((e as MessageEvent<string>).data) as LiveProfileEvent))
    source.onerror = () => {
      source.close()
      if (this.source !== source) return
      this.source = null
      this.reopenLater(t, key)
    }
    this.source = source
  }

  private reopenLater(t: BoardTarget, key: string): void {
    this.error = 'Reconnecting to the live view…'
    this.retry = setTimeout(() => {
      this.retry = null
      if (key === this.sourceFor) void this.open(t, key)
    }, REOPEN_AFTER_MS)
  }

  private close(): void {
    this.source?.close()
    this.source = null
    this.sourceFor = ''
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
  }

  private onProfile(e: LiveProfileEvent): void {
    const first = this.latest === null
    this.error = ''
    this.receivedAt = Date.now()
    for (const p of e.participation) if (!this.firstSeen.has(p.participant.id)) this.firstSeen.set(p.participant.id, e.at)
    this.window.update(e)
    for (const f of ALL_LIVE_FIGURES) {
      const list = this.series.get(f.key) ?? []
      list.push({ at: e.at, v: f.value(e.metrics) })
      this.series.set(f.key, list)
    }
    this.latest = e
    if (first && e.session !== null && this.sessionStart !== null) void this.seed(e.session, this.sessionStart, e.at)
    this.dispatchEvent(new CustomEvent('cg-live-profile', { detail: e, bubbles: true, composed: true }))
  }

  /** The session so far: its profile at a few earlier moments (the same endpoint, so the same numbers). */
  private async seed(session: string, start: number, at: number): Promise<void> {
    const t = this.target
    if (!t || at <= start) return
    const moments = Array.from({ length: SEED_MOMENTS }, (_, i) => Math.floor(start + ((at - start) * i) / SEED_MOMENTS))
    try {
      const earlier = await Promise.all(
        moments.map((m) => boardClient(t).call(HISTORY_API.metrics, { params: boardParams(t), query: { session, at: m } }))
      )
      for (const f of ALL_LIVE_FIGURES) {
        const list = this.series.get(f.key) ?? []
        this.series.set(f.key, [...earlier.map((r) => ({ at: r.at, v: f.value(r.metrics) })), ...list.filter((p) => p.at > at - 1)])
      }
      this.requestUpdate()
    } catch {
      // The sparklines then start when the panel opened.
    }
  }

  protected override render() {
    const e = this.latest
    this.toggleAttribute('projected', this.projected)
    return html`<header>
        <h2>Live view</h2>
        <button type="button" aria-pressed=${String(this.projected)} @click=${() => (this.projected = !this.projected)}
          title="A version to show on a shared screen: no names">Project</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('cg-live-close', { bubbles: true, composed: true }))}>Close</button>
      </header>
      <p class="scope">${e ? liveScopeLine(e.session, this.sessionStart, hourMinute) : 'Connecting…'}</p>
      ${this.error ? html`<p class="error" role="status">${this.error}</p>` : nothing}
      ${e ? this.body(e) : nothing}`
  }

  private body(e: LiveProfileEvent) {
    // The server's clock now, from its last event: quiet is judged against the server's times.
    const now = { ...e, at: e.at + Math.max(0, Date.now() - this.receivedAt) }
    const silent = silentPeople(now, this.firstSeen, this.sessionStart ?? -Infinity, this.silentAfterMs)
    const prompts = livePrompts(now, this.window.recent, silent, { names: !this.projected, silentAfterMs: this.silentAfterMs })
    const people = [...e.participation].sort((a, b) => roleOrder(a.participant.role) - roleOrder(b.participant.role) || b.contentEvents - a.contentEvents)
    const most = Math.max(1, ...people.map((p) => p.contentEvents))
    const counters = { B: 0, U: 0 }
    const sides = { B: 0, U: 0 }
    for (const p of people) {
      const g = groupOf(p.participant.role)
      if (g) sides[g] += p.contentEvents
    }
    return html`<section aria-labelledby="prompts-title">
        <h3 id="prompts-title">What to look at</h3>
        <ul class="prompts" aria-live="polite">${prompts.map((p) => html`<li>${p}</li>`)}</ul>
      </section>
      <section aria-labelledby="people-title">
        <h3 id="people-title">Contributions</h3>
        <p class="sides">
          <span><span class="swatch" style="background:${ROLE_COLORS.brand}"></span>Brand: ${sides.B}</span>
          <span><span class="swatch" style="background:${ROLE_COLORS.customer}"></span>Customers: ${sides.U}</span>
        </p>
        <ul class="people">
          ${people.map((p) => {
            const g = groupOf(p.participant.role)
            const n = g ? ++counters[g] : 0
            const label = this.projected || !p.participant.name ? `${g === 'B' ? 'Brand' : 'Customer'} ${n}` : p.participant.name
            const quiet = silent.includes(p.participant.id)
            return html`<li class=${quiet ? 'silent' : ''} data-person=${this.projected ? nothing : p.participant.id} data-quiet=${String(quiet)}>
              <span class="name">${label}</span>
              <span class="bar" role="img" aria-label=${`${label}: ${p.contentEvents} contributions${quiet ? ', quiet' : ''}`}
                ><span style="width:${(100 * p.contentEvents) / most}%;background:${ROLE_COLORS[p.participant.role]}"></span
              ></span>
              <span class="count">${p.contentEvents}</span>
            </li>`
          })}
        </ul>
        ${people.length === 0 ? html`<p class="muted">Nobody from either side has connected yet.</p>` : nothing}
      </section>
      <section aria-labelledby="figures-title">
        <h3 id="figures-title">Learning with, as of now</h3>
        ${this.figures(LEARNING_WITH_FIGURES, e)}
      </section>
      ${hasStream(e.metrics)
        ? html`<section aria-labelledby="stream-title" data-section="stream">
            <h3 id="stream-title">Learning from the stream</h3>
            ${this.figures(STREAM_FIGURES, e)}
          </section>`
        : nothing}`
  }

  private figures(list: readonly LiveFigure[], e: LiveProfileEvent) {
    return html`<div class="figures">
      ${list.map((f) => {
        const v = f.value(e.metrics)
        return html`<div class="figure" data-figure=${f.key}>
          <div class="label">${f.label}</div>
          <div class="value ${v === null ? 'null' : ''}">${v === null ? 'not enough data' : v.toFixed(2)}</div>
          ${sparkline(this.series.get(f.key) ?? [], f.min, f.max)}
        </div>`
      })}
    </div>`
  }
}

const roleOrder = (r: string) => (r === 'brand' ? 0 : 1)

if (!customElements.get('cg-live-panel')) customElements.define('cg-live-panel', CgLivePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-live-panel': CgLivePanel
  }
}
