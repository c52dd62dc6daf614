import { html, LitElement } from 'lit'
import { consoleStyles } from './console-styles'

/** A button that copies `text` to the clipboard and says so for a moment. */
export class CgCopyButton extends LitElement {
  static override properties = {
    text: {},
    label: {},
    copied: { state: true }
  }

  static override styles = consoleStyles

  declare text: string
  declare label: string
  declare copied: boolean
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor() {
    super()
    this.text = ''
    this.label = 'Copy'
    this.copied = false
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.timer) clearTimeout(this.timer)
  }

  protected override render() {
    return html`<button type="button" @click=${this.copy} aria-label=${this.copied ? 'Copied' : this.label}>
        ${this.copied ? 'Copied ✓' : this.label}
      </button>
      <span class="sr-only" role="status">${this.copied ? 'Copied to the clipboard' : ''}</span>`
  }

  private async copy(): Promise<void> {
    let ok: boolean
    try {
      await navigator.clipboard.writeText(this.text)
      ok = true
    } catch {
      ok = fallbackCopy(this.text)
    }
    if (!ok) return
    this.copied = true
    this.dispatchEvent(new CustomEvent('cg-copied', { detail: this.text, bubbles: true, composed: true }))
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => (this.copied = false), 2000)
  }
}

/** Clipboard API refused (no permission, not a secure context): the old way. */
function fallbackCopy(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  let ok: boolean
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  return ok
}

if (!customElements.get('cg-copy-button')) customElements.define('cg-copy-button', CgCopyButton)

declare global {
  interface HTMLElementTagNameMap {
    'cg-copy-button': CgCopyButton
  }
}
