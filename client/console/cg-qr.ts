import { html, LitElement, svg, css, type PropertyValues } from 'lit'
import qrcode from 'qrcode-generator'

/** The dark modules of a QR code for `text` as one SVG path (no markup from strings, so nothing to escape). */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  let d = ''
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`
  }
  return { size: n, d }
}

/** A QR code of a link, for people in the room to scan. */
export class CgQr extends LitElement {
  static override properties = {
    text: {},
    label: {}
  }

  static override styles = css`
    :host {
      display: inline-block;
      width: 200px;
      max-width: 100%;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      background: #fff;
    }
  `

  declare text: string
  declare label: string
  private code: { size: number; d: string } | null = null

  constructor() {
    super()
    this.text = ''
    this.label = 'QR code'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.code = this.text ? qrPath(this.text) : null
  }

  protected override render() {
    if (!this.code) return html``
    const quiet = 4
    const box = this.code.size + quiet * 2
    return html`<svg viewBox="${-quiet} ${-quiet} ${box} ${box}" role="img" aria-label=${this.label} shape-rendering="crispEdges">
      ${svg`<rect x=${-quiet} y=${-quiet} width=${box} height=${box} fill="#fff"></rect><path d=${this.code.d} fill="#0f172a"></path>`}
    </svg>`
  }
}

if (!customElements.get('cg-qr')) customElements.define('cg-qr', CgQr)

declare global {
  interface HTMLElementTagNameMap {
    'cg-qr': CgQr
  }
}
