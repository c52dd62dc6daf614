import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { MAX_LABEL_LENGTH } from '../model/board-ops'

/**
 * The inline editor for a concept label or linking phrase, laid over the item being edited.
 * Enter or leaving the field commits; Escape cancels. What is typed here stays here: a colleague's
 * save meanwhile never replaces it (the board merges the two on saving); the editor says who else
 * is editing, what was saved meanwhile, and, when both changed the same words, offers the choice.
 */
export class CgLabelEditor extends LitElement {
  static override properties = {
    value: { attribute: false },
    base: { attribute: false },
    draft: { attribute: false },
    conflict: { attribute: false },
    others: { attribute: false },
    label: { attribute: false },
    kind: { attribute: false }
  }

  static override styles = css`
    :host {
      position: absolute;
      left: 0;
      top: 0;
      z-index: 5;
      /* Its own width, not the map layer's (0 wide): the text takes one line until max-width. */
      width: max-content;
    }
    textarea {
      display: block;
      box-sizing: border-box;
      field-sizing: content;
      min-width: max(64px, var(--cg-editor-width, 0px));
      max-width: max(240px, var(--cg-editor-width, 0px));
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
    .note {
      position: absolute;
      top: calc(100% + 6px);
      left: 50%;
      transform: translateX(-50%);
      width: max-content;
      max-width: 260px;
      margin: 0;
      padding: 6px 8px;
      border-radius: 6px;
      background: #1e293b;
      color: #fff;
      font: 12px/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      text-align: left;
    }
    .note.conflict {
      background: #7c2d12;
    }
    :host([kind='link']) textarea {
      min-width: 48px;
      min-height: 0;
      padding: 2px 6px;
      border-radius: 4px;
      font: 13px/1.25 system-ui, sans-serif;
    }
  `

  /** The label as stored now (it may change while this editor is open). */
  declare value: string
  /** The label when this edit began. */
  declare base: string
  /** Text to start with instead of the label (an edit reopened after a clash). */
  declare draft: string | null
  /** What someone else saved over the same words, when this edit clashed with it. */
  declare conflict: string | null
  /** Who else is editing this label now. */
  declare others: readonly string[]
  declare label: string
  declare kind: 'concept' | 'link'
  private done = false

  constructor() {
    super()
    this.value = ''
    this.base = ''
    this.draft = null
    this.conflict = null
    this.others = []
    this.label = 'Label'
    this.kind = 'concept'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind')) this.setAttribute('kind', this.kind)
  }

  protected override firstUpdated(): void {
    const field = this.field
    // Set once: the field is this participant's text from now on, whatever others save.
    field.value = this.draft ?? this.value
    field.focus({ preventScroll: true })
    if (this.draft === null) field.select()
  }

  private get field(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea')!
  }

  protected override render() {
    return html`<textarea
      rows="1"
      maxlength=${MAX_LABEL_LENGTH}
      aria-label=${this.label}
      aria-describedby=${this.conflict !== null || this.value !== this.base || this.others.length > 0 ? 'note' : nothing}
      @keydown=${this.onKeyDown}
      @blur=${() => this.finish(true, 'blur')}
      @pointerdown=${(e: Event) => e.stopPropagation()}
      @dblclick=${(e: Event) => e.stopPropagation()}
    ></textarea>
      ${this.renderNote()}`
  }

  private renderNote() {
    if (this.conflict !== null) {
      return html`<p id="note" class="note conflict" role="alert">
        Saved meanwhile by someone else: “${this.conflict}”. Enter saves yours instead; Escape keeps theirs.
      </p>`
    }
    if (this.value !== this.base) {
      return html`<p id="note" class="note" role="status">Changed meanwhile to “${this.value}”. Enter saves both changes together.</p>`
    }
    if (this.others.length > 0) {
      const who = this.others.join(', ')
      return html`<p id="note" class="note" role="status">${who} ${this.others.length > 1 ? 'are' : 'is'} also editing this label.</p>`
    }
    return nothing
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
