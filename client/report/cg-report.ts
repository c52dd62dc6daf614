import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { buildReportCsv } from '../../shared/report/report-csv'
import type { BoardSession } from '../../shared/api/sessions'
import type { ReportData } from '../../shared/report/report-data'
import { buildStandaloneReport, scopeLabel, utcTime } from '../../shared/report/report-html'
import type { CgChart } from './cg-chart'
import { downloadText, fileStem } from './download'
import { ReportApi } from './report-api'
import { baselineSection, contributionsSection, harvestSection, mapSection, networkSection, profileSection, pulseSection, votesSection } from './report-sections'
import { reportStyles } from './report-styles'

const sessionLabel = (s: BoardSession) =>
  `${s.name ?? `Session of ${utcTime(s.start)}`}${s.open ? ' (running)' : ''}`

/**
 * The facilitator report of a board or one of its sessions: the metrics profile with readings,
 * formulas and the chance baseline, charts over time, contributions, the uptake network and pulse
 * answers; saved as a standalone HTML file or as CSV.
 */
export class CgReport extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { attribute: false },
    sessionId: { state: true },
    data: { state: true },
    loading: { state: true },
    error: { state: true }
  }

  static override styles = reportStyles

  declare boardId: string
  declare token: string
  /** '' for the whole board. */
  declare sessionId: string
  declare data: ReportData | null
  declare loading: boolean
  declare error: string
  private request = 0

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.sessionId = ''
    this.data = null
    this.loading = false
    this.error = ''
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('boardId') || changed.has('token') || changed.has('sessionId')) void this.load()
  }

  private async load(): Promise<void> {
    if (!this.boardId || !this.token) return
    const request = ++this.request
    this.loading = true
    this.error = ''
    try {
      const data = await new ReportApi(this.boardId, this.token).report(this.sessionId || undefined)
      if (request !== this.request) return
      this.data = data
      document.title = `Report: ${data.board.title}`
    } catch (err) {
      if (request === this.request) this.error = (err as Error).message
    } finally {
      if (request === this.request) this.loading = false
    }
  }

  protected override render() {
    const d = this.data
    return html`<header>
        <div>
          <h1>${d ? d.board.title : 'Facilitator report'}</h1>
          ${d?.board.focusQuestion ? html`<p>Focus question: ${d.board.focusQuestion}</p>` : nothing}
          ${d ? html`<p class="muted scope">${scopeLabel(d)}, ${utcTime(d.from)} to ${utcTime(d.at)}</p>` : nothing}
        </div>
        <div class="tools">
          <label for="session">Session</label>
          <select id="session" class="session" .value=${this.sessionId} @change=${this.onSession} ?disabled=${!d}>
            <option value="" ?selected=${this.sessionId === ''}>Whole board</option>
            ${(d?.sessions ?? []).map((s) => html`<option value=${s.id} ?selected=${this.sessionId === s.id}>${sessionLabel(s)}</option>`)}
          </select>
          <button type="button" class="primary" ?disabled=${!d || this.loading} @click=${this.onSave}>Save report</button>
          <button type="button" ?disabled=${!d || this.loading} @click=${this.onCsv}>Download CSV</button>
        </div>
      </header>
      <p role="status" class="muted">${this.loading ? 'Loading the report…' : ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${d
        ? html`<main>
            ${mapSection(d)} ${profileSection(d)} ${harvestSection(d)} ${baselineSection(d)} ${contributionsSection(d)} ${networkSection(d)} ${pulseSection(d)} ${votesSection(d)}
          </main>`
        : nothing}`
  }

  private onSession = (e: Event) => {
    this.sessionId = (e.target as HTMLSelectElement).value
  }

  /** Every chart on the page as a PNG data URL, by its chart id. */
  private chartImages(): Record<string, string> {
    const images: Record<string, string> = {}
    for (const chart of this.renderRoot.querySelectorAll<CgChart>('cg-chart')) {
      const image = chart.image()
      if (image) images[chart.chartId] = image
    }
    return images
  }

  private onSave = () => {
    const d = this.data
    if (!d) return
    downloadText(`${fileStem(d.board.title, d.at)}.html`, 'text/html;charset=utf-8', buildStandaloneReport(d, this.chartImages()))
  }

  private onCsv = () => {
    const d = this.data
    if (!d) return
    downloadText(`${fileStem(d.board.title, d.at)}.csv`, 'text/csv;charset=utf-8', buildReportCsv(d))
  }
}

if (!customElements.get('cg-report')) customElements.define('cg-report', CgReport)

declare global {
  interface HTMLElementTagNameMap {
    'cg-report': CgReport
  }
}
