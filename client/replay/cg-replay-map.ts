import { css, html, LitElement, svg } from 'lit'
import { deriveGeometries, drawnLinks } from '../board/canvas-derive'
import { planLinks } from '../board/link-layout'
import type { Box } from '../model/geometry'
import type { Concept } from '../../shared/schema/board-map'
import { conceptSize, textMeasure, textWidthIn, wrapLines, type MeasureText } from '../board/concept-size'
import type { ReplayMap } from './replay-api'
import { elementKey } from './replay-model'

/** The board's line height for concept labels (14 px at 1.3). */
const LINE_EM = 1.3
const PAD = 40

/** About how wide a 12 px phrase is drawn (a little over, so the line never shows through a space). */
const phraseWidth = (label: string) => label.length * 6.8 + 12

/** A concept's box as the board draws it (the board's own sizing: centred on (x, y), its label wrapped). */
function boxOf(c: ReplayMap['concepts'][number], measure: MeasureText): Box {
  const { w, h } = conceptSize(c as Concept, measure)
  return { x: c.x, y: c.y, w, h }
}

/** The label's lines in its box, as the board breaks them (a long label spilled out of its box on one line). */
function labelLines(c: ReplayMap['concepts'][number], box: Box, measure: MeasureText): string[] {
  return wrapLines(c.label.replace(/\s+/g, ' ').trim(), textWidthIn(c as Concept, box.w), measure)
}

/**
 * The map at one moment, drawn read-only in SVG. Labels are SVG text bound by Lit (never parsed as
 * markup). `fills` colours elements (by creator), `dimmed` fades what is not highlighted, and
 * `uptake` rings what was taken up by the other side.
 */
export class CgReplayMap extends LitElement {
  static override properties = {
    map: { attribute: false },
    fills: { attribute: false },
    dimmed: { attribute: false },
    uptake: { attribute: false }
  }

  static override styles = css`
    :host {
      display: block;
      min-height: 320px;
      background: #fff;
      border: 1px solid #cbd5e1;
      border-radius: 8px;
      overflow: hidden;
    }
    svg {
      width: 100%;
      height: 100%;
      min-height: 320px;
      display: block;
    }
    .concept rect {
      stroke: #334155;
      stroke-width: 1.5;
    }
    .concept text,
    .link text {
      font: 14px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      fill: #0f172a;
      dominant-baseline: middle;
      text-anchor: middle;
    }
    .link path {
      fill: none;
      stroke-width: 2;
    }
    /* Behind the phrase: the text's white halo covers its letters, not the spaces between words. */
    .link rect.phrase {
      fill: #fff;
    }
    .link text {
      font-size: 12px;
      fill: #334155;
      paint-order: stroke;
      stroke: #fff;
      stroke-width: 4px;
    }
    .dim {
      opacity: 0.25;
    }
    .uptake {
      fill: none;
      stroke: #7c3aed;
      stroke-width: 3;
      stroke-dasharray: 6 4;
    }
    .empty {
      padding: 2rem;
      color: #475569;
    }
  `

  map: ReplayMap | null = null
  fills: Map<string, string> = new Map()
  dimmed: Set<string> | null = null
  uptake: Set<string> = new Set()

  override render() {
    const map = this.map
    if (!map) return html`<p class="empty">Loading the map…</p>`
    const measure = textMeasure()
    const boxes = new Map(map.concepts.map((c) => [c.id, boxOf(c, measure)]))
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (const b of boxes.values()) {
      minX = Math.min(minX, b.x - b.w / 2)
      minY = Math.min(minY, b.y - b.h / 2)
      maxX = Math.max(maxX, b.x + b.w / 2)
      maxY = Math.max(maxY, b.y + b.h / 2)
    }
    if (boxes.size === 0) [minX, minY, maxX, maxY] = [0, 0, 400, 300]
    const viewBox = `${minX - PAD} ${minY - PAD} ${maxX - minX + 2 * PAD} ${maxY - minY + 2 * PAD}`
    const dim = (k: string) => (this.dimmed?.has(k) ? 'dim' : '')
    // Links and their phrases as the board draws them (hubs, phrases clear of concepts and of each
    // other), so the replay shows the map people saw; the midpoint hid phrases between close concepts.
    const drawn = drawnLinks(new Map(map.links.map((l) => [l.id, l])), new Map(map.concepts.map((c) => [c.id, c])))
    const geometries = deriveGeometries(drawn, boxes, planLinks(drawn), new Map())
    const links = drawn.flatMap((l) => {
      const g = geometries.get(l.id)?.geometry
      if (!g) return []
      const k = elementKey('link', l.id)
      // Boxes on top of each other leave no line to draw; the phrase still says the link is there.
      return [
        svg`<g class="link ${dim(k)}" data-id=${l.id}>
          ${g.visible ? svg`<path d=${g.line} marker-end="url(#arrow)" stroke=${this.fills.get(k) ?? '#475569'}></path>` : null}
          ${this.uptake.has(k) ? svg`<circle class="uptake" cx=${g.label.x} cy=${g.label.y} r="14"></circle>` : null}
          ${g.member || !l.label ? null : svg`<rect class="phrase" x=${g.label.x - phraseWidth(l.label) / 2} y=${g.label.y - 9} width=${phraseWidth(l.label)} height="18" rx="4"></rect>`}
          ${g.member ? null : svg`<text x=${g.label.x} y=${g.label.y}>${l.label}</text>`}
        </g>`
      ]
    })
    const concepts = map.concepts.map((c) => {
      const b = boxes.get(c.id)!
      const k = elementKey('concept', c.id)
      return svg`<g class="concept ${dim(k)}" data-id=${c.id}>
        ${this.uptake.has(k) ? svg`<rect class="uptake" x=${b.x - b.w / 2 - 6} y=${b.y - b.h / 2 - 6} width=${b.w + 12} height=${b.h + 12} rx="12"></rect>` : null}
        <rect x=${b.x - b.w / 2} y=${b.y - b.h / 2} width=${b.w} height=${b.h} rx="8" fill=${this.fills.get(k) ?? '#f8fafc'}></rect>
        <text x=${b.x} y=${b.y}>${labelLines(c, b, measure).map(
          (line, i, all) => svg`<tspan x=${b.x} dy=${i === 0 ? `${-((all.length - 1) * LINE_EM) / 2}em` : `${LINE_EM}em`}>${line}</tspan>`
        )}</text>
      </g>`
    })
    return html`<svg viewBox=${viewBox} role="img" aria-label=${`Map: ${map.concepts.length} concepts, ${map.links.length} links`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#475569"></path>
        </marker>
      </defs>
      ${links}${concepts}
    </svg>`
  }
}

customElements.define('cg-replay-map', CgReplayMap)

declare global {
  interface HTMLElementTagNameMap {
    'cg-replay-map': CgReplayMap
  }
}
