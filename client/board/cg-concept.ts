import { html, LitElement, nothing, type PropertyValues } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import { hexColor, readableText } from '../../shared/exchange/color'
import { CONCEPT_SHAPES } from '../../shared/schema/element-fields'
import type { RemoteMark } from './marks'

const SHAPES = new Set<string>(CONCEPT_SHAPES)

/**
 * One concept on the map: a box whose label is DOM text (screen readers, find-in-page and exports
 * read it), and a listbox option. It renders into light DOM so the map's listbox owns the option
 * directly (ARIA relations do not cross shadow roots) and a thousand concepts do not cost a
 * thousand shadow roots; its styles live in the canvas.
 *
 * The element itself is a zero-size anchor at the concept's centre (left/top, no transform), and
 * the box is centred on it by flexbox. Per-concept transforms would each add a node to Chromium's
 * property trees, and re-layerising thousands of them made every frame of a pan slow.
 */
export class CgConcept extends LitElement {
  static override properties = {
    concept: { attribute: false },
    selected: { type: Boolean },
    active: { type: Boolean },
    editing: { type: Boolean },
    dropTarget: { type: Boolean },
    readOnly: { type: Boolean },
    marks: { attribute: false },
    posInSet: { type: Number },
    setSize: { type: Number },
    description: { attribute: false },
    sizeObserver: { attribute: false }
  }

  declare concept: Concept
  declare selected: boolean
  declare active: boolean
  declare editing: boolean
  declare dropTarget: boolean
  declare readOnly: boolean
  declare marks: readonly RemoteMark[]
  /**
   * The item's place in the whole map's listbox, and its size: a large map draws only what is near
   * the view, so the options present are not all there are ("3 of 1000", not "3 of 40").
   */
  declare posInSet: number
  declare setSize: number
  declare description: string
  declare sizeObserver: ResizeObserver | null
  private observed: Element | null = null

  constructor() {
    super()
    this.selected = false
    this.active = false
    this.editing = false
    this.dropTarget = false
    this.readOnly = false
    this.marks = []
    this.posInSet = 0
    this.setSize = 0
    this.description = ''
    this.sizeObserver = null
  }

  protected override createRenderRoot(): HTMLElement {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.observe()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.observed) this.sizeObserver?.unobserve(this.observed)
    this.observed = null
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('concept')) {
      this.style.left = `${this.concept.x}px`
      this.style.top = `${this.concept.y}px`
    }
    this.classList.toggle('selected', this.selected)
    this.classList.toggle('editing', this.editing)
    this.classList.toggle('drop-target', this.dropTarget)
    this.classList.toggle('marked', this.marks.length > 0)
    this.style.setProperty('--mark', this.marks[0]?.color ?? '')
  }

  protected override updated(): void {
    this.observe()
  }

  private observe(): void {
    const box = this.querySelector('.box')
    if (!box || box === this.observed || !this.sizeObserver) return
    this.sizeObserver.observe(box)
    this.observed = box
  }

  protected override render() {
    const c = this.concept
    const label = c.label
    const fill = hexColor(c.color)
    // The text colour is the concept's own while it reads on the fill, else dark or light.
    const color = fill || c.textColor ? `--fill:${fill ?? '#ffffff'};color:${readableText(fill ?? '#ffffff', c.textColor)};` : ''
    // A stored size is the least the box takes: a longer label grows it rather than spilling out.
    const size = `${c.w ? `min-width:${c.w}px;max-width:${Math.max(220, c.w)}px;` : ''}${c.h ? `min-height:${c.h}px;` : ''}`
    const shape = typeof c.shape === 'string' && SHAPES.has(c.shape) ? ` shape-${c.shape}` : ''
    // Named explicitly: while the label is being edited it is hidden, and a name from content
    // would then be empty.
    return html`<div
      class=${`box${shape}${c.origin ? ' from-stream' : ''}`}
      role="option"
      aria-roledescription="concept"
      aria-label=${label || 'Untitled concept'}
      aria-description=${(c.origin ? `From the customer voice. ${this.description}`.trim() : this.description) || nothing}
      aria-selected=${String(this.selected)}
      aria-posinset=${this.posInSet || nothing}
      aria-setsize=${this.setSize || nothing}
      tabindex=${this.active ? 0 : -1}
      data-item=${c.id}
      style=${color + size || nothing}
    >${c.origin ? html`<span class="stream-badge" aria-hidden="true" title="From the customer voice">“</span>` : nothing}<span class=${label ? 'label' : 'label empty'}>${label || 'Untitled concept'}</span>${
      this.readOnly ? nothing : html`<span class="handle" aria-hidden="true" title="Drag to another concept to link"></span>`
    }${this.marks.length
      ? html`<span class="marks" aria-hidden="true">${this.marks.map(
          (m) => html`<span class=${m.person ? 'mark person' : 'mark'} style="background:${m.color}" data-name=${m.editing ? `${m.name} is editing` : m.name}></span>`
        )}</span>`
      : nothing}</div>`
  }
}

if (!customElements.get('cg-concept')) customElements.define('cg-concept', CgConcept)

declare global {
  interface HTMLElementTagNameMap {
    'cg-concept': CgConcept
  }
}
