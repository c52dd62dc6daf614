import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { dialogStyles } from './dialog-styles'
import { PULSE_QUESTIONS, type PulseAnswers } from './pulse-api'

const SCALE = [1, 2, 3, 4, 5] as const
const ANCHORS: Record<number, string> = { 1: 'strongly disagree', 3: 'neither', 5: 'strongly agree' }

/**
 * The end-of-session pulse: three statements, each rated 1–5 or left unanswered. One radio group
 * per statement (a fieldset with the statement as its legend), so the arrow keys move within a
 * statement and Tab between them. Sends `cg-pulse-answer` with the answers, or `cg-pulse-skip`.
 */
export class CgPulseDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    /** Why it is asked: the session ended, or this participant is leaving. */
    reason: {},
    busy: { type: Boolean },
    error: {}
  }

  static override styles = [
    dialogStyles,
    css`
      fieldset {
        margin: 14px 0 0;
        padding: 8px 10px 10px;
        border: 1px solid #cbd5e1;
        border-radius: 8px;
      }
      /* Inside the box, not on its border: a statement wrapping onto a second line had the border
         running between its lines on a phone. */
      legend {
        float: left;
        width: 100%;
        padding: 0 0 6px;
        font-weight: 600;
      }
      legend + * {
        clear: left;
      }
      .scale {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: center;
      }
      .scale label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        margin: 4px 0 0;
        font-weight: 400;
      }
      .scale input {
        width: auto;
        margin: 0;
      }
      /* On a touch screen each answer is a box of 44 px, all of it the radio (the 13 px circle and
         its digit were the target), and the chosen one is filled in. */
      @media (pointer: coarse) {
        .scale {
          gap: 8px;
        }
        .scale label {
          position: relative;
          justify-content: center;
          box-sizing: border-box;
          min-width: 44px;
          min-height: 44px;
          margin: 0;
          padding: 0 10px;
          border: 1px solid #94a3b8;
          border-radius: 8px;
        }
        .scale input {
          position: absolute;
          /* Over the label's border too: the whole box, 44 px. */
          inset: -1px;
          width: calc(100% + 2px);
          height: calc(100% + 2px);
          opacity: 0;
        }
        .scale label:has(input:checked) {
          border-color: #1d4ed8;
          background: #1d4ed8;
          color: #fff;
        }
        .scale label:has(input:focus-visible) {
          outline: 3px solid #2563eb;
          outline-offset: 2px;
        }
        .actions button {
          min-height: 44px;
        }
      }
      .hint {
        color: #475569;
        font-size: 13px;
      }
      .error {
        color: #991b1b;
      }
    `
  ]

  declare open: boolean
  declare reason: 'ended' | 'leaving'
  declare busy: boolean
  declare error: string | null

  constructor() {
    super()
    this.open = false
    this.reason = 'ended'
    this.busy = false
    this.error = null
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return
    const dialog = this.renderRoot.querySelector('dialog')!
    if (this.open && !dialog.open) {
      this.renderRoot.querySelector('form')?.reset()
      dialog.showModal()
      this.renderRoot.querySelector<HTMLInputElement>('input[type=radio]')?.focus()
    } else if (!this.open && dialog.open) dialog.close()
  }

  protected override render() {
    return html`<dialog aria-labelledby="pulse-title" aria-describedby="pulse-intro" @cancel=${this.onCancel}>
      <form @submit=${this.onSubmit}>
        <h2 id="pulse-title">${this.reason === 'leaving' ? 'Before you go' : 'The session has ended'}</h2>
        <p id="pulse-intro" class="hint">
          How much do you agree? 1 means strongly disagree, 5 strongly agree. Any question can be left unanswered.
        </p>
        ${PULSE_QUESTIONS.map(
          ({ item, text }) => html`<fieldset>
            <legend id="legend-${item}">${text}</legend>
            <div class="scale" role="radiogroup" aria-labelledby="legend-${item}">
              ${SCALE.map(
                (v) => html`<label
                  ><input type="radio" name=${item} value=${v} aria-label=${ANCHORS[v] ? `${v}, ${ANCHORS[v]}` : String(v)} />${v}</label
                >`
              )}
              <label><input type="radio" name=${item} value="" checked />No answer</label>
            </div>
          </fieldset>`
        )}
        ${this.error ? html`<p class="error" role="alert">Your answers were not saved: ${this.error}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${this.skip} ?disabled=${this.busy}>Skip</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Send answers'}</button>
        </div>
      </form>
    </dialog>`
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault()
    const form = new FormData(e.target as HTMLFormElement)
    const value = (item: keyof PulseAnswers) => {
      const v = Number(form.get(item))
      return Number.isInteger(v) && v >= 1 && v <= 5 ? v : null
    }
    const detail: PulseAnswers = { understood: value('understood'), learned: value('learned'), represents: value('represents') }
    this.dispatchEvent(new CustomEvent('cg-pulse-answer', { detail, bubbles: true, composed: true }))
  }

  private onCancel = (e: Event): void => {
    // Escape skips, as the Skip button does; the host closes the dialog.
    e.preventDefault()
    if (!this.busy) this.skip()
  }

  private skip = (): void => {
    this.dispatchEvent(new CustomEvent('cg-pulse-skip', { bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-pulse-dialog')) customElements.define('cg-pulse-dialog', CgPulseDialog)

declare global {
  interface HTMLElementTagNameMap {
    'cg-pulse-dialog': CgPulseDialog
  }
}
