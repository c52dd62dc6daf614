import { html, LitElement, type PropertyValues } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import { dialogStyles } from './dialog-styles'

/**
 * The keyboard (and screen reader) way to make a proposition: pick the concept to link to and type
 * the linking phrase. Emits `cg-connect` with { from, to, label }.
 */
export class CgConnectDialog extends LitElement {
  static override properties = {
    from: { attribute: false },
    candidates: { attribute: false }
  }

  static override styles = dialogStyles

  declare from: Concept | null
  declare candidates: readonly Concept[]

  constructor() {
    super()
    this.from = null
    this.candidates = []
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.renderRoot.querySelector('dialog')!
    if (changed.has('from')) {
      if (this.from && !dialog.open) {
        const form = this.renderRoot.querySelector('form')!
        form.reset()
        dialog.showModal()
        this.renderRoot.querySelector('select')?.focus()
      } else if (!this.from && dialog.open) dialog.close()
    }
  }

  protected override render() {
    const name = this.from?.label || 'Untitled concept'
    return html`<dialog aria-labelledby="connect-title" @close=${this.onClose}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="connect-title">Link “${name}” to…</h2>
        <label for="target">Concept</label>
        <select id="target" name="target" required>
          ${this.candidates.map((c) => html`<option value=${c.id}>${c.label || 'Untitled concept'}</option>`)}
        </select>
        <label for="phrase">Linking phrase</label>
        <input id="phrase" name="phrase" autocomplete="off" placeholder="e.g. leads to" />
        <div class="actions">
          <button type="button" @click=${this.cancel}>Cancel</button>
          <button type="submit" class="primary">Link</button>
        </div>
      </form>
    </dialog>`
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const to = String(data.get('target') ?? '')
    const label = String(data.get('phrase') ?? '')
    const from = this.from
    if (!from || !to) return
    this.renderRoot.querySelector('dialog')!.close()
    this.dispatchEvent(new CustomEvent('cg-connect', { detail: { from: from.id, to, label }, bubbles: true, composed: true }))
  }

  private cancel(): void {
    this.renderRoot.querySelector('dialog')!.close()
  }

  private onClose(): void {
    this.dispatchEvent(new CustomEvent('cg-connect-close', { bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-connect-dialog')) customElements.define('cg-connect-dialog', CgConnectDialog)

declare global {
  interface HTMLElementTagNameMap {
    'cg-connect-dialog': CgConnectDialog
  }
}
