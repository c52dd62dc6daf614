import { Chart } from 'chart.js'
import { css, html, LitElement, type PropertyValues } from 'lit'
import { registerCharts, type ReportChartConfig } from './charts'

/**
 * One Chart.js chart on a canvas, described for screen readers by `label` (the data is also in the
 * report's tables). `image()` gives it as a PNG data URL for the saved report.
 */
export class CgChart extends LitElement {
  static override properties = {
    config: { attribute: false },
    label: { type: String },
    chartId: { type: String, attribute: 'chart-id', reflect: true }
  }

  static override styles = css`
    :host {
      display: block;
    }
    .box {
      position: relative;
      height: var(--chart-height, 160px);
    }
  `

  declare config: ReportChartConfig | null
  declare label: string
  declare chartId: string
  private chart: Chart | null = null

  constructor() {
    super()
    this.config = null
    this.label = ''
    this.chartId = ''
  }

  protected override render() {
    return html`<div class="box"><canvas role="img" aria-label=${this.label}></canvas></div>`
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('config')) this.draw()
  }

  private draw(): void {
    this.chart?.destroy()
    this.chart = null
    const canvas = this.renderRoot.querySelector('canvas')
    if (!canvas || !this.config) return
    registerCharts()
    // Chart.js mutates the configuration it is given; the element keeps its own copy intact.
    this.chart = new Chart(canvas, structuredCloneConfig(this.config) as never)
  }

  /** The chart as a PNG data URL ('' before it is drawn). */
  image(): string {
    return this.chart ? this.chart.toBase64Image('image/png', 1) : ''
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.chart?.destroy()
    this.chart = null
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.hasUpdated && !this.chart) this.draw()
  }
}

/** A shallow-enough copy: data arrays and options objects are new, callbacks are shared. */
function structuredCloneConfig<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneConfig) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = structuredCloneConfig(v)
    return out as T
  }
  return value
}

if (!customElements.get('cg-chart')) customElements.define('cg-chart', CgChart)

declare global {
  interface HTMLElementTagNameMap {
    'cg-chart': CgChart
  }
}
