import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { buildReportCsv } from '../../shared/report/report-csv'
import type { BoardSession } from '../../shared/api/sessions'
import type { ReportData } from '../../shared/report/report-data'
import { buildStandaloneReport, scopeLabel, utcTime } from '../../shared/report/report-html'
import type { CgChart } from './cg-chart'
import { downloadText, fileStem } from './download'
import { ReportApi } from './report-api'
import { baselineSection, contributionsSection, harvestSection, mapSection, networkSection, profileSection, pulseSection, votesSection, type MapPicture } from './report-sections'
import { reportStyles } from './report-styles'

const sessionLabel = (s: BoardSession) =>
  `${s.name ?? `Session of ${utcTime(s.start)}`}${s.open ? ' (running)' : ''}`

/**
 * The facilitator report of a board or one of its sessions: the metrics profile with readings,
 * formulas and the chance baseline, charts over time, contributions, the uptake network and pulse
 * answers; saved as a standalone HTML file or as CSV. The map's picture comes apart from the
 * figures (GET …/report/picture at the report's moment) and shows when it arrives; saving waits for it.
 */
export class CgReport extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { attribute: false },
    sessionId: { state: true },
    data: { state: true },
    picture: { state: true },
    loading: { state: true },
    error: { state: true }
  }

  static override styles = reportStyles

  declare boardId: string
  declare token: string
  /** '' for the whole board. */
  declare sessionId: string
  declare data: ReportData | null
  declare picture: MapPicture
  declare loading: boolean
  declare error: string
  private request = 0
  /** The picture of the report shown, being fetched or fetched (what Save report embeds). */
  private pictureSvg: Promise<string> | null = null

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.sessionId = ''
    this.data = null
    this.picture = null
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
      const api = new ReportApi(this.boardId, this.token)
      const session = this.sessionId || undefined
      const data = await api.report(session)
      if (request !== this.request) return
      this.data = data
      this.picture = null
      document.title = `Report: ${data.board.title}`
      const svg = (this.pictureSvg = api.picture(data.at, session))
      void svg.then(
        (picture) => {
          if (request === this.request) this.picture = { svg: picture }
        },
        (err: unknown) => {
          if (request === this.request) this.picture = { error: (err as Error).message }
        }
      )
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
            <option value="" .selected=${this.sessionId === ''}>Whole board</option>
            ${(d?.sessions ?? []).map((s) => html`<option value=${s.id} .selected=${this.sessionId === s.id}>${sessionLabel(s)}</option>`)}
          </select>
          <button type="button" class="primary" ?disabled=${!d || this.loading} @click=${this.onSave}>Save report</button>
          <button type="button" ?disabled=${!d || this.loading} @click=${this.onCsv}>Download CSV</button>
        </div>
      </header>
      <p role="status" class="muted">${this.loading ? 'Loading the report…' : ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${d
        ? html`<main>
            ${mapSection(d, this.picture)} ${profileSection(d)} ${harvestSection(d)} ${baselineSection(d)} ${contributionsSection(d)} ${networkSection(d)} ${pulseSection(d)} ${votesSection(d)}
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

  private onSave = async () => {
    const d = this.data
    if (!d || !this.pictureSvg) return
    // The file holds the map's picture: a save before it arrived waits for it (or for another try).
    let svg: string
    try {
      svg = await this.pictureSvg
    } catch {
      this.pictureSvg = new ReportApi(this.boardId, this.token).picture(d.at, this.sessionId || undefined)
      try {
        svg = await this.pictureSvg
      } catch (err) {
        this.error = `The report was not saved: its map picture could not be loaded (${(err as Error).message}).`
        return
      }
      if (this.data === d) this.picture = { svg }
    }
    if (this.data !== d) return
    downloadText(`${fileStem(d.board.title, d.at)}.html`, 'text/html;charset=utf-8', buildStandaloneReport(d, this.chartImages(), svg))
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
