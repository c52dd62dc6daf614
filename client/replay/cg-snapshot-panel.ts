import type { BoardSession } from '../../shared/api/sessions'
import { css, html, LitElement, nothing } from 'lit'
import type { SnapshotSummary } from '../../shared/api/snapshots'
import type { ReplayApi, SnapshotComparison } from './replay-api'

const when = (t: number) => new Date(t).toLocaleString()
const KIND: Record<SnapshotSummary['kind'], string> = { manual: '', scheduled: 'automatic', 'session-end': 'session end' }

/**
 * The facilitator's snapshot and session controls beside the replay: take a named snapshot, mark a
 * session's start and end, list snapshots (opening one moves the replay to its moment, where the
 * map is the snapshot's), and compare two.
 */
export class CgSnapshotPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    sessions: { attribute: false },
    moment: { attribute: false },
    snapshots: { state: true },
    comparison: { state: true },
    message: { state: true }
  }

  static override styles = css`
    :host {
      display: block;
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    details {
      border: 1px solid #cbd5e1;
      border-radius: 8px;
      background: #fff;
      padding: 6px 10px;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
    }
    .row {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
      margin: 6px 0;
    }
    ul {
      margin: 4px 0;
      padding-left: 1.2em;
    }
    button {
      min-height: 30px;
      border: 1px solid #94a3b8;
      border-radius: 6px;
      background: #fff;
      cursor: pointer;
    }
    .kind {
      color: #475569;
      font-size: 12px;
    }
    h3 {
      font-size: 14px;
      margin: 8px 0 2px;
    }
  `

  api: ReplayApi | null = null
  sessions: BoardSession[] = []
  /** The moment the replay shows when scrubbed away from the present (a snapshot is of it), else null. */
  moment: number | null = null
  snapshots: SnapshotSummary[] = []
  comparison: SnapshotComparison | null = null
  message = ''

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('api') && this.api) void this.refresh()
  }

  async refresh(): Promise<void> {
    if (!this.api) return
    this.snapshots = await this.api.snapshots().catch(() => this.snapshots)
  }

  private async run(action: () => Promise<string>): Promise<void> {
    try {
      this.message = await action()
      await this.refresh()
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }))
    } catch (e) {
      this.message = (e as Error).message
    }
  }

  private value(selector: string): string {
    return (this.renderRoot.querySelector(selector) as HTMLInputElement | HTMLSelectElement | null)?.value ?? ''
  }

  private readonly takeSnapshot = (): Promise<void> =>
    this.run(async () => {
      const s = await this.api!.takeSnapshot(this.value('.snapshot-name'), this.moment)
      return `Snapshot “${s.name}” taken of the map at ${clock(s.at)}`
    })

  private open(s: SnapshotSummary): void {
    this.dispatchEvent(new CustomEvent('open-moment', { detail: s.at, bubbles: true, composed: true }))
  }

  override render() {
    const running = this.sessions.some((s) => s.kind === 'marked' && s.open)
    const c = this.comparison?.changes
    return html`<details open>
      <summary>Snapshots and sessions</summary>
      <div class="row">
        <label>Name <input class="snapshot-name" type="text" maxlength="200" placeholder="e.g. Before lunch" /></label>
        <button type="button" class="take" @click=${this.takeSnapshot}>
          ${this.moment === null ? 'Take snapshot' : `Take snapshot at ${clock(this.moment)}`}
        </button>
      </div>
      <div class="row">
        ${running
          ? html`<button type="button" class="end-session" @click=${() => this.run(async () => (await this.api!.endSession(), 'Session ended'))}>
              End session
            </button>`
          : html`<label>Session name <input class="session-name" type="text" maxlength="200" /></label>
              <button type="button" class="start-session" @click=${() => this.run(async () => (await this.api!.startSession(this.value('.session-name')), 'Session started'))}>
                Start session
              </button>`}
      </div>
      <p role="status" aria-live="polite">${this.message}</p>
      <ul class="snapshots" aria-label="Snapshots">
        ${this.snapshots.map(
          (s) =>
            html`<li>
              <button type="button" @click=${() => this.open(s)}>${s.name}</button>
              <span class="kind">${when(s.at)} ${KIND[s.kind]}</span>
            </li>`
        )}
      </ul>
      ${this.snapshots.length >= 2
        ? html`<div class="row">
            <select class="cmp-a" aria-label="Compare from">
              ${this.snapshots.map((s, i) => html`<option value=${s.id} ?selected=${i === this.snapshots.length - 2}>${s.name}</option>`)}
            </select>
            <select class="cmp-b" aria-label="Compare to">
              ${this.snapshots.map((s, i) => html`<option value=${s.id} ?selected=${i === this.snapshots.length - 1}>${s.name}</option>`)}
            </select>
            <button
              type="button"
              class="compare"
              @click=${() =>
                this.run(async () => {
                  this.comparison = await this.api!.compare(this.value('.cmp-a'), this.value('.cmp-b'))
                  return ''
                })}
            >
              Compare
            </button>
          </div>`
        : nothing}
      ${c
        ? html`<section class="comparison" aria-label="Comparison">
            <h3>Concepts</h3>
            <ul>
              ${c.concepts.added.map((x) => html`<li>added “${x.label}”</li>`)}
              ${c.concepts.removed.map((x) => html`<li>removed “${x.label}”</li>`)}
              ${c.concepts.relabelled.map((x) => html`<li>relabelled “${x.before}” → “${x.after}”</li>`)}
            </ul>
            <h3>Propositions</h3>
            <ul>
              ${c.propositions.added.map((x) => html`<li>added “${x.sentence}”</li>`)}
              ${c.propositions.removed.map((x) => html`<li>removed “${x.sentence}”</li>`)}
              ${c.propositions.relabelled.map((x) => html`<li>relabelled “${x.before.sentence}” → “${x.after.sentence}”</li>`)}
              ${c.propositions.reconnected.map((x) => html`<li>reconnected “${x.before.sentence}” → “${x.after.sentence}”</li>`)}
            </ul>
          </section>`
        : nothing}
    </details>`
  }
}

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

customElements.define('cg-snapshot-panel', CgSnapshotPanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-snapshot-panel': CgSnapshotPanel
  }
}
