import { css, html, LitElement, type PropertyValues } from 'lit'
import { MAX_LABEL_LENGTH } from '../model/board-ops'

/**
 * The inline editor for a concept label or linking phrase, laid over the item being edited.
 * Enter or leaving the field commits; Escape cancels.
 */
export class CgLabelEditor extends LitElement {
  static override properties = {
    value: { attribute: false },
    label: { attribute: false },
    kind: { attribute: false }
  }

  static override styles = css`
    :host {
      position: absolute;
      left: 0;
      top: 0;
      z-index: 5;
    }
    textarea {
      display: block;
      box-sizing: border-box;
      field-sizing: content;
      min-width: 64px;
      max-width: 240px;
      min-height: 36px;
      padding: 8px 14px;
      border: 2px solid #2563eb;
      border-radius: 10px;
      background: #fff;
      color: #0f172a;
      font: 500 14px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      text-align: center;
      resize: none;
      overflow: hidden;
      outline: none;
      box-shadow: 0 0 0 3px #bfdbfe;
    }
    :host([kind='link']) textarea {
      min-width: 48px;
      min-height: 0;
      padding: 2px 6px;
      border-radius: 4px;
      font: 13px/1.25 system-ui, sans-serif;
    }
  `

  declare value: string
  declare label: string
  declare kind: 'concept' | 'link'
  private done = false

  constructor() {
    super()
    this.value = ''
    this.label = 'Label'
    this.kind = 'concept'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind')) this.setAttribute('kind', this.kind)
  }

  protected override firstUpdated(): void {
    const field = this.field
    field.focus({ preventScroll: true })
    field.select()
  }

  private get field(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea')!
  }

  protected override render() {
    return html`<textarea
      rows="1"
      maxlength=${MAX_LABEL_LENGTH}
      aria-label=${this.label}
      .value=${this.value}
      @keydown=${this.onKeyDown}
      @blur=${() => this.finish(true, 'blur')}
      @pointerdown=${(e: Event) => e.stopPropagation()}
      @dblclick=${(e: Event) => e.stopPropagation()}
    ></textarea>`
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Keys typed here are text, not map shortcuts or undo of the map.
    e.stopPropagation()
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault()
      this.finish(true, 'key')
    } else if (e.key === 'Escape') {
      e.preventDefault()
      this.finish(false, 'key')
    }
  }

  /** `via` tells the canvas whether to take focus back (a key) or leave it where it went (blur). */
  private finish(commit: boolean, via: 'key' | 'blur'): void {
    if (this.done) return
    this.done = true
    const detail = { value: this.field.value, via }
    this.dispatchEvent(new CustomEvent(commit ? 'cg-commit' : 'cg-cancel', { detail, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-label-editor')) customElements.define('cg-label-editor', CgLabelEditor)

declare global {
  interface HTMLElementTagNameMap {
    'cg-label-editor': CgLabelEditor
  }
}
