import { html, LitElement, nothing, type PropertyValues } from 'lit'
import type { Link } from '../../shared/schema/board-map'
import type { LinkGeometry } from '../model/geometry'
import type { RemoteMark } from './marks'

/**
 * One link's linking phrase: DOM text on the line, and a listbox option so it can be reached, read
 * (as the whole proposition) and edited by keyboard. The arrows of all links are drawn by the canvas
 * in one shared SVG: a thousand separate SVGs would each be painted, and composited, apart.
 * Light DOM for the same reasons as cg-concept.
 */
export class CgLink extends LitElement {
  static override properties = {
    link: { attribute: false },
    geometry: { attribute: false },
    fromLabel: { attribute: false },
    toLabel: { attribute: false },
    selected: { type: Boolean },
    active: { type: Boolean },
    editing: { type: Boolean },
    marks: { attribute: false },
    posInSet: { type: Number },
    setSize: { type: Number }
  }

  declare link: Link
  declare geometry: LinkGeometry
  declare fromLabel: string
  declare toLabel: string
  declare selected: boolean
  declare active: boolean
  declare editing: boolean
  declare marks: readonly RemoteMark[]
  /**
   * The item's place in the whole map's listbox, and its size: a large map draws only what is near
   * the view, so the options present are not all there are ("3 of 1000", not "3 of 40").
   */
  declare posInSet: number
  declare setSize: number

  constructor() {
    super()
    this.fromLabel = ''
    this.toLabel = ''
    this.selected = false
    this.active = false
    this.editing = false
    this.marks = []
    this.posInSet = 0
    this.setSize = 0
  }

  protected override createRenderRoot(): HTMLElement {
    return this
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('geometry')) {
      // An anchor at the phrase's place, centred by flexbox: no per-link transform (see cg-concept).
      this.style.left = `${Math.round(this.geometry.label.x)}px`
      this.style.top = `${Math.round(this.geometry.label.y)}px`
    }
    this.classList.toggle('selected', this.selected)
    this.classList.toggle('editing', this.editing)
    this.classList.toggle('hub-member', this.geometry.member === true)
    this.classList.toggle('marked', this.marks.length > 0)
    this.style.setProperty('--mark', this.marks[0]?.color ?? '')
  }

  /** The proposition this link makes, as a sentence: what a screen reader announces. */
  get proposition(): string {
    const from = this.fromLabel || 'Untitled concept'
    const to = this.toLabel || 'Untitled concept'
    return this.link.label ? `${from} ${this.link.label} ${to}` : `${from} linked to ${to}, no linking phrase`
  }

  protected override render() {
    const label = this.link.label
    const marks = this.marks
    return html`<span
      class=${label ? 'link-label' : 'link-label empty'}
      role="option"
      aria-roledescription="link"
      aria-selected=${String(this.selected)}
      aria-posinset=${this.posInSet || nothing}
      aria-setsize=${this.setSize || nothing}
      aria-label=${this.proposition}
      tabindex=${this.active ? 0 : -1}
      data-item=${this.link.id}
      >${label || '…'}${marks.length
        ? html`<span class="marks" aria-hidden="true">${marks.map(
            (m) => html`<span class=${m.person ? 'mark person' : 'mark'} style="background:${m.color}" data-name=${m.editing ? `${m.name} is editing` : m.name}></span>`
          )}</span>`
        : nothing}</span>`
  }
}

if (!customElements.get('cg-link')) customElements.define('cg-link', CgLink)

declare global {
  interface HTMLElementTagNameMap {
    'cg-link': CgLink
  }
}
