import { css, html, LitElement, nothing, svg, type PropertyValues } from 'lit'
import type { BoardTimer } from '../../shared/sync/board-events'

/** How long "Time is up" stays after a countdown ends. */
const SHOW_ENDED_MS = 2 * 60_000

/** "4:05", "1:02:03". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/**
 * The facilitator's countdown, the same on every screen: it counts against the server's clock
 * (`clockOffset`), so a participant whose computer clock is off still sees the right time left.
 */
export class CgTimer extends LitElement {
  static override properties = {
    timer: { attribute: false },
    clockOffset: { attribute: false },
    now: { state: true }
  }

  static override styles = css`
    :host {
      display: inline-flex;
    }
    /* Nothing to show: out of the header's flow, so its gaps do not push presence to another row on a
       phone, while the status region stays in the page to announce "Time is up" when it comes. */
    :host([idle]) {
      position: absolute;
    }
    .timer {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      background: #eff6ff;
      color: #1e3a8a;
      font: 600 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      font-variant-numeric: tabular-nums;
    }
    svg {
      width: 14px;
      height: 14px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
    }
    .timer.up {
      background: #fef3c7;
      color: #78350f;
    }
  `

  declare timer: BoardTimer | null
  declare clockOffset: number
  declare now: number
  private tick: ReturnType<typeof setInterval> | null = null

  constructor() {
    super()
    this.timer = null
    this.clockOffset = 0
    this.now = Date.now()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stop()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('timer') || changed.has('clockOffset')) {
      this.now = Date.now() + this.clockOffset
      if (this.timer && !this.tick) this.tick = setInterval(() => (this.now = Date.now() + this.clockOffset), 1000)
    }
    if (this.timer && this.now > this.timer.endsAt + SHOW_ENDED_MS) this.stop()
    this.toggleAttribute('idle', this.timer === null || this.now - this.timer.endsAt > SHOW_ENDED_MS)
  }

  protected override render() {
    const t = this.timer
    const left = t ? t.endsAt - this.now : 0
    const running = t !== null && left > 0
    const up = t !== null && left <= 0 && -left <= SHOW_ENDED_MS
    // The status region stays on the page, so "Time is up" is announced when it appears.
    return html`${running ? html`<span class="timer" role="timer" aria-label="Time left: ${formatRemaining(left)}"
          ><svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d="M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM12 9v4l2 2M10 2h4"></path>`}</svg>${formatRemaining(left)}</span
        >` : nothing}
      <span role="status">${up ? html`<span class="timer up">Time is up</span>` : nothing}</span>`
  }

  private stop(): void {
    if (this.tick) clearInterval(this.tick)
    this.tick = null
  }
}

if (!customElements.get('cg-timer')) customElements.define('cg-timer', CgTimer)

declare global {
  interface HTMLElementTagNameMap {
    'cg-timer': CgTimer
  }
}
