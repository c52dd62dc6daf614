import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { dialogStyles } from './dialog-styles'

/**
 * Asks a participant who came by a group invite for the name the others will see (`busy` while
 * the board joins with it, `error` if that failed).
 */
export class CgNameDialog extends LitElement {
  static override properties = {
    open: { type: Boolean },
    busy: { type: Boolean },
    error: { attribute: false }
  }

  static override styles = [
    dialogStyles,
    css`
      .error {
        margin-top: 10px;
        color: #b91c1c;
      }
    `
  ]

  declare open: boolean
  declare busy: boolean
  declare error: string | null

  constructor() {
    super()
    this.open = false
    this.busy = false
    this.error = null
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return
    const dialog = this.renderRoot.querySelector('dialog')!
    if (this.open && !dialog.open) {
      dialog.showModal()
      this.renderRoot.querySelector('input')?.focus()
    } else if (!this.open && dialog.open) dialog.close()
  }

  protected override render() {
    return html`<dialog aria-labelledby="name-title" @cancel=${(e: Event) => e.preventDefault()}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="name-title">Join the board</h2>
        <p>What name should the others see?</p>
        <label for="name">Your name</label>
        <input id="name" name="name" required maxlength="60" autocomplete="name" aria-describedby=${this.error ? 'name-error' : nothing} />
        ${this.error ? html`<p id="name-error" class="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Joining…' : 'Join'}</button></div>
      </form>
    </dialog>`
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault()
    const name = String(new FormData(e.target as HTMLFormElement).get('name') ?? '').trim()
    if (!name) return
    this.dispatchEvent(new CustomEvent('cg-name', { detail: name, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-name-dialog')) customElements.define('cg-name-dialog', CgNameDialog)

declare global {
  interface HTMLElementTagNameMap {
    'cg-name-dialog': CgNameDialog
  }
}
