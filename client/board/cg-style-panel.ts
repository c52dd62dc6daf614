import { css, html, LitElement, nothing, svg } from 'lit'
import type { ConceptShape } from '../../shared/schema/element-fields'

/** Fills offered for concepts: soft ones for dark text, two dark ones (text turns light on them). */
export const FILLS: readonly { name: string; color: string | null }[] = [
  { name: 'White', color: null },
  { name: 'Yellow', color: '#fef3c7' },
  { name: 'Green', color: '#dcfce7' },
  { name: 'Blue', color: '#dbeafe' },
  { name: 'Pink', color: '#fce7f3' },
  { name: 'Orange', color: '#fed7aa' },
  { name: 'Navy', color: '#1e3a8a' },
  { name: 'Slate', color: '#334155' }
]

const SHAPES: readonly { shape: ConceptShape; name: string; icon: ReturnType<typeof svg> }[] = [
  { shape: 'rounded', name: 'Rounded box', icon: svg`<rect x="3" y="6" width="18" height="12" rx="4"/>` },
  { shape: 'rectangle', name: 'Rectangle', icon: svg`<rect x="3" y="6" width="18" height="12"/>` },
  { shape: 'ellipse', name: 'Ellipse', icon: svg`<ellipse cx="12" cy="12" rx="9" ry="6"/>` },
  { shape: 'diamond', name: 'Diamond', icon: svg`<path d="M12 4L21 12L12 20L3 12Z"/>` }
]

/**
 * Colour and shape of the selected concepts. It only asks (`cg-restyle`); the canvas writes the
 * change, one step for everyone and one undo. Text colour is left to contrast with the fill.
 */
export class CgStylePanel extends LitElement {
  static override properties = {
    color: { attribute: false },
    shape: { attribute: false }
  }

  static override styles = css`
    :host {
      position: absolute;
      top: 10px;
      left: 10px;
      z-index: 5;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      padding: 6px;
      border-radius: 10px;
      background: #fff;
      box-shadow: 0 2px 10px rgb(15 23 42 / 0.18);
      max-width: calc(100% - 20px);
      box-sizing: border-box;
      /* Hides the divider where the shapes start a row of their own (see .shapes). */
      overflow: clip;
    }
    button {
      width: 32px;
      height: 32px;
      padding: 0;
      display: grid;
      place-items: center;
      border: 1px solid #cbd5e1;
      border-radius: 6px;
      background: #fff;
      cursor: pointer;
    }
    button.swatch span {
      width: 20px;
      height: 20px;
      border-radius: 50%;
      border: 1px solid #64748b;
    }
    button[aria-pressed='true'] {
      border: 2px solid #2563eb;
      background: #eff6ff;
    }
    button:focus-visible {
      outline: 2px solid #2563eb;
      outline-offset: 1px;
    }
    svg {
      width: 22px;
      height: 22px;
      fill: none;
      stroke: #334155;
      stroke-width: 1.8;
    }
    /* The fills and the shapes each keep to one row where they can: squeezed beside a side panel, the
       shapes wrap under the fills, not one shape among the fills. A narrow board keeps every button
       one flat row that wraps (the phone's 44 px buttons: two rows, not three). */
    .set {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    /* The divider leads the shapes, hung 9 px out into the room the fills keep after them: beside the
       fills it sits between the two as before; wrapped under them (beside a side panel) it falls in
       the padding's clipped edge, where it had ended the fills' row by itself. */
    .fills {
      margin-inline-end: 9px;
    }
    .shapes {
      margin-inline-start: -9px;
    }
    .gap {
      align-self: center;
      width: 1px;
      height: 24px;
      background: #e2e8f0;
      margin: 0 2px;
    }
    @media (pointer: coarse) {
      button {
        width: 44px;
        height: 44px;
      }
    }
    /* Over a selected concept, it goes to the other side (canvas-restyle's place()). */
    :host([flipped]) {
      left: auto;
      right: 10px;
    }
    /* On a phone or in a narrow frame, at the bottom of the map (the toolbar is under it there), clear
       of the find bar at the top; at the top when a selected concept is under it. */
    @container (max-width: 600px) {
      :host {
        top: auto;
        bottom: 12px;
      }
      .set {
        display: contents;
      }
      :host([flipped]) {
        top: 10px;
        bottom: auto;
        left: 10px;
        right: auto;
      }
    }
  `

  /** The selection's common fill (null: the default; undefined: mixed) and shape. */
  declare color: string | null | undefined
  declare shape: string | undefined

  private restyle(style: { color?: string | null; shape?: string | null }): void {
    this.dispatchEvent(new CustomEvent('cg-restyle', { detail: style, bubbles: true, composed: true }))
  }

  protected override render() {
    return html`<div role="toolbar" aria-label="Concept colour and shape" style="display:contents">
      <span class="set fills">${FILLS.map((f) => html`<button type="button" class="swatch" title=${f.name} aria-label=${`Colour: ${f.name}`}
        aria-pressed=${String(this.color === f.color)} @click=${() => this.restyle({ color: f.color })}
        ><span style="background:${f.color ?? '#ffffff'}"></span></button>`)}</span>
      <span class="set shapes"><span class="gap" aria-hidden="true"></span>${SHAPES.map((s) => html`<button type="button" title=${s.name} aria-label=${`Shape: ${s.name}`}
        aria-pressed=${String((this.shape ?? 'rounded') === s.shape)}
        @click=${() => this.restyle({ shape: s.shape === 'rounded' ? null : s.shape })}
        ><svg viewBox="0 0 24 24" aria-hidden="true">${s.icon}</svg></button>`)}</span>
      ${nothing}
    </div>`
  }
}

if (!customElements.get('cg-style-panel')) customElements.define('cg-style-panel', CgStylePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-style-panel': CgStylePanel
  }
}
