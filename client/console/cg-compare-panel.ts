import { css, html, LitElement, nothing } from 'lit'
import { EXPORT_FORMATS, EXPORT_MEDIA } from '../../shared/exchange/export-map'
import type { Comparison } from '../../shared/api/compare'
import { METRICS, formatValue } from '../../shared/report/metric-catalogue'
import type { BoardView } from '../../shared/api/boards'
import type { BoardSession } from '../../shared/api/sessions'
import type { ConsoleApi } from './console-api'
import { failureMessage } from './console-api'
import { consoleStyles } from './console-styles'

const SIDE = { B: 'brand', U: 'customers' } as const

/** How a session is offered: its name, else when it started. */
const sessionLabel = (s: BoardSession) =>
  s.name || `Session of ${new Date(s.start).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`

/** The figures compared side by side: the whole profile, as the report names them. */
const ROWS = METRICS.filter((m) => !m.key.startsWith('pulse.'))
/** The stream's rows only when some board compared had a stream (as the report shows its cards). */
const rowsFor = (r: Comparison) =>
  r.boards.some((b) => b.metrics.stream.coverage !== null) ? ROWS : ROWS.filter((m) => !m.key.startsWith('stream.'))

/**
 * Synthesis across workshops (the service owner): pick boards that ran the same focus question,
 * see their profiles side by side and the propositions that recur across them (in at least k
 * boards), and download the consensus map of those in any export format.
 */
export class CgComparePanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    boards: { attribute: false },
    chosen: { state: true },
    sessions: { state: true },
    k: { state: true },
    result: { state: true },
    busy: { state: true },
    error: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      /* min-width 0: a fieldset is as wide as its widest content unless told, which on a phone was a
         long board and session name on one line (the page 413 px wide at 390). */
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 16px;
        margin: 8px 0;
        min-width: 0;
      }
      .choice {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
      }
      .choices input[type='checkbox'] {
        width: auto;
        margin: 0;
      }
      .choice .sessions {
        display: flex;
        flex-direction: column;
        padding-inline-start: 24px;
      }
      .choices label {
        display: flex;
        align-items: center;
        gap: 6px;
        min-height: 32px;
        margin: 0;
        overflow-wrap: anywhere;
        font-weight: 400;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 12px;
      }
      .controls label {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
        margin: 0;
        font-weight: 400;
      }
      .controls select {
        width: auto;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: max-content;
        min-width: 100%;
        font-size: 13px;
      }
      thead th {
        white-space: nowrap;
      }
      tbody th {
        max-width: 14em;
      }
      th,
      td {
        padding: 4px 8px;
        border-bottom: 1px solid #e2e8f0;
        text-align: start;
        vertical-align: top;
      }
      td.num {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .side {
        display: inline-block;
        padding: 0 6px;
        border-radius: 999px;
        font-size: 12px;
        color: #fff;
      }
      .side.B {
        background: #1d4ed8;
      }
      .side.U {
        background: #b45309;
      }
      .side.none {
        background: #64748b;
      }
      .prop {
        font-weight: 600;
      }
      .phrase {
        font-weight: 400;
        color: #475569;
      }
      .exports {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare boards: readonly BoardView[]
  /** Board ids, and `board:session` entries for one session of a board (the API's own syntax). */
  declare chosen: ReadonlySet<string>
  /** Each board's sessions, offered when it has two or more (one session is the board itself). */
  declare sessions: ReadonlyMap<string, readonly BoardSession[]>
  private sessionsFor = ''
  declare k: number
  declare result: Comparison | null
  declare busy: boolean
  declare error: string

  constructor() {
    super()
    this.api = null
    this.boards = []
    this.chosen = new Set()
    this.sessions = new Map()
    this.k = 2
    this.result = null
    this.busy = false
    this.error = ''
  }

  /** The chosen entries in the order the boards are listed, each board before its sessions. */
  private get entries(): string[] {
    const out: string[] = []
    for (const b of this.boards) {
      if (this.chosen.has(b.id)) out.push(b.id)
      for (const s of this.sessions.get(b.id) ?? []) if (this.chosen.has(`${b.id}:${s.id}`)) out.push(`${b.id}:${s.id}`)
    }
    return out
  }

  protected override updated(): void {
    const key = this.api ? this.boards.map((b) => b.id).join(',') : ''
    if (key === this.sessionsFor) return
    this.sessionsFor = key
    void this.loadSessions()
  }

  /** Each board's sessions, so one session of a board can be compared with others; a board whose list fails offers none. */
  private async loadSessions(): Promise<void> {
    const api = this.api
    if (!api) return
    const key = this.sessionsFor
    const lists = await Promise.all(
      this.boards.map(async (b): Promise<[string, readonly BoardSession[]]> => {
        try {
          const sessions = await api.sessions(b.id)
          return [b.id, sessions]
        } catch {
          return [b.id, []]
        }
      })
    )
    if (key === this.sessionsFor) this.sessions = new Map(lists.filter(([, list]) => list.length >= 2))
  }

  protected override render() {
    const entries = this.entries
    const count = entries.length
    const noun = entries.some((e) => e.includes(':')) ? 'workshops' : 'boards'
    const box = (key: string, text: string) =>
      html`<label><input type="checkbox" .checked=${this.chosen.has(key)} @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)} />${text}</label>`
    return html`<section class="card" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare workshops</h2>
      <p class="muted">Boards that ran the same focus question with different groups: their profiles side by side, and the propositions that recur across them.</p>
      <fieldset class="choices">
        <legend>Boards (or sessions) to compare</legend>
        ${this.boards.map((b) => {
          const sessions = this.sessions.get(b.id) ?? []
          return html`<div class="choice">
            ${box(b.id, b.title)}
            ${sessions.length
              ? html`<div class="sessions" role="group" aria-label=${`Sessions of ${b.title}`}>
                  ${sessions.map((s) => box(`${b.id}:${s.id}`, `${b.title} - ${sessionLabel(s)}`))}
                </div>`
              : nothing}
          </div>`
        })}
      </fieldset>
      <div class="controls">
        <label>Propositions found in at least
          <select aria-label="Found in at least this many boards" @change=${(e: Event) => (this.k = Number((e.target as HTMLSelectElement).value))}>
            ${Array.from({ length: Math.max(1, count - 1) }, (_, i) => i + 2).map((n) => html`<option value=${n} .selected=${n === this.k}>${n}</option>`)}
          </select>
          ${noun}</label>
        <button class="primary" type="button" ?disabled=${count < 2 || this.busy} @click=${this.compare}>${this.busy ? 'Comparing…' : `Compare ${count} ${noun}`}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.result ? this.renderResult(this.result) : nothing}
    </section>`
  }

  private renderResult(r: Comparison) {
    const titles = new Map(r.boards.map((b) => [b.id, b.title]))
    return html`<h3 id="compare-results" tabindex="-1">Profiles side by side</h3>
      <div class="scroll">
        <table data-table="profiles">
          <thead><tr><th scope="col">Figure</th>${r.boards.map((b) => html`<th scope="col">${b.title}</th>`)}</tr></thead>
          <tbody>
            ${rowsFor(r).map(
              (def) => html`<tr data-metric=${def.key}>
                <th scope="row">${def.label}</th>
                ${r.boards.map((b) => html`<td class="num">${formatValue(def, def.value(b.metrics))}</td>`)}
              </tr>`
            )}
          </tbody>
        </table>
      </div>
      <h3>Propositions in at least ${r.k} of ${r.boards.length} boards (${r.propositions.length})</h3>
      ${r.propositions.length === 0
        ? html`<p class="muted">No proposition recurs that often. Labels are compared after trimming, ignoring case and extra spaces.</p>`
        : html`<div class="scroll"><table data-table="propositions">
            <thead><tr><th scope="col">Proposition</th><th scope="col">Boards</th><th scope="col">First written by</th><th scope="col">Where (first first)</th></tr></thead>
            <tbody>
              ${r.propositions.map(
                (p) => html`<tr data-key=${p.key}>
                  <td class="prop">${p.from} <span class="phrase">${p.label || '—'}</span> ${p.to}</td>
                  <td class="num">${p.boards}</td>
                  <td><span class="side ${p.firstSide ?? 'none'}">${p.firstSide ? SIDE[p.firstSide] : 'neither side'}</span></td>
                  <td>${p.on.map((o) => titles.get(o.board) ?? o.board).join(', ')}</td>
                </tr>`
              )}
            </tbody>
          </table></div>`}
      <h3>Consensus map</h3>
      <p class="muted">The propositions above as one map, to take back to the brand.</p>
      <div class="exports">
        ${EXPORT_FORMATS.map((f) => html`<button type="button" data-format=${f} @click=${() => this.download(f)}>${f.toUpperCase()}</button>`)}
      </div>`
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen)
    if (on) next.add(id)
    else next.delete(id)
    this.chosen = next
    this.k = Math.min(this.k, Math.max(2, next.size))
  }

  private readonly compare = async (): Promise<void> => {
    if (!this.api) return
    this.busy = true
    this.error = ''
    try {
      this.result = await this.api.compare(this.entries, this.k)
      this.busy = false
      await this.updateComplete
      // On a phone the results start below the fold: take the reader (and a screen reader's focus) there.
      const heading = this.renderRoot.querySelector<HTMLElement>('#compare-results')
      heading?.scrollIntoView({ block: 'start' })
      heading?.focus({ preventScroll: true })
    } catch (err) {
      this.error = failureMessage(this, err) ?? ''
    } finally {
      this.busy = false
    }
  }

  private async download(format: (typeof EXPORT_FORMATS)[number]): Promise<void> {
    if (!this.api) return
    this.error = ''
    try {
      const url = URL.createObjectURL(await this.api.consensusMap(this.entries, this.k, format))
      const a = document.createElement('a')
      a.href = url
      a.download = `consensus.${EXPORT_MEDIA[format].extension}`
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
    } catch (err) {
      this.error = `The consensus map was not exported: ${err instanceof Error ? err.message : 'unknown error'}`
    }
  }
}

if (!customElements.get('cg-compare-panel')) customElements.define('cg-compare-panel', CgComparePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-compare-panel': CgComparePanel
  }
}
