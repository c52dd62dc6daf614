import { html, nothing, svg } from 'lit'
import { keyed } from 'lit/directives/keyed.js'
import { live } from 'lit/directives/live.js'
import { repeat } from 'lit/directives/repeat.js'
import type { Concept, Link } from '../../shared/schema/board-map'
import { exitPoint, type Box } from '../model/geometry'
import { inGroups, type CachedGeometry } from './canvas-derive'
import type { EditTarget, LinkDrag } from './canvas-types'
import type { RemoteMark } from './marks'

/** What an item shows of this participant's and the others' hands on it. */
export interface ItemState {
  selected: boolean
  active: boolean
  editing: boolean
  marks: readonly RemoteMark[]
  /** Where the item is in the whole map's listbox (1-based) and how many items that has (see CanvasModel.positions). */
  posInSet: number
  setSize: number
}

export interface Backdrop {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/**
 * An opaque backdrop (with the dot grid) under the whole map. Besides the grid, it makes the map
 * one dense layer for the compositor: without it, Chromium splits sparse content into dozens of
 * layers, and every frame of a pan or zoom pays for each.
 */
export function renderBackdrop(b: Backdrop) {
  return html`<div class="backdrop" style="left:${b.minX}px;top:${b.minY}px;width:${b.maxX - b.minX}px;height:${b.maxY - b.minY}px"></div>`
}

/**
 * The arrows: one path per link (so a moved concept invalidates only its links' pixels), in SVGs
 * of a few links each, by the same stable groups as the phrases (so repainting a moved arrow
 * repaints a dozen paths, not all of them). Arrowheads are markers, defined once.
 */
export function renderEdges(drawn: readonly Link[], geometries: ReadonlyMap<string, CachedGeometry>, selection: ReadonlySet<string>) {
  return html`<div class="edges" aria-hidden="true">
    <svg class="defs">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">
          <path d="M0 0L10 5L0 10Z"></path>
        </marker>
        <marker id="arrow-selected" class="selected" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">
          <path d="M0 0L10 5L0 10Z"></path>
        </marker>
      </defs>
    </svg>
    ${repeat(inGroups(drawn), (g) => g.key, (g) => html`<svg>${repeat(g.items, (l) => l.id, (l) => {
      const geometry = geometries.get(l.id)?.geometry
      if (!geometry) return nothing
      const selected = selection.has(l.id)
      // A link whose concepts overlap draws no line, but keeps its (empty) path: when someone drags
      // the concepts apart, the move sets the line without a render (see canvas-fast-move). Moves
      // set `d` directly, so a render compares with the page's value, not the one it last wrote.
      return svg`<path class=${selected ? 'line selected' : 'line'} data-link=${l.id} d=${live(geometry.visible ? geometry.line : '')} marker-end=${selected ? 'url(#arrow-selected)' : 'url(#arrow)'}></path>`
    })}</svg>`)}
  </div>`
}

/** The inline label editor, laid over what is being edited (or where a new concept will be). */
export function renderEditor(
  e: EditTarget | null,
  data: {
    boxes: ReadonlyMap<string, Box>
    concepts: ReadonlyMap<string, Concept>
    links: ReadonlyMap<string, Link>
    geometries: ReadonlyMap<string, CachedGeometry>
    marks: ReadonlyMap<string, readonly RemoteMark[]>
  },
  onCommit: (e: CustomEvent<{ value: string; via: 'key' | 'blur' }>) => void,
  onCancel: (e: CustomEvent<{ via: 'key' | 'blur' }>) => void
) {
  if (!e) return nothing
  let x: number
  let y: number
  let value = ''
  let label: string
  // A concept's editor is at least as wide as its box: on its own it took the words' narrowest width
  // and wrapped a three-word label onto three lines.
  let width = 0
  if (e.kind === 'draft') {
    ;({ x, y } = e)
    label = 'New concept label'
  } else if (e.kind === 'concept') {
    const b = data.boxes.get(e.id)
    if (!b) return nothing
    ;({ x, y } = b)
    width = b.w
    value = data.concepts.get(e.id)?.label ?? ''
    label = 'Concept label'
  } else {
    const l = data.links.get(e.id)
    const g = data.geometries.get(e.id)?.geometry
    if (!l || !g) return nothing
    ;({ x, y } = g.label)
    value = l.label
    label = 'Linking phrase'
  }
  // A clash reopens the editor afresh, with this participant's text in it.
  const key = e.kind === 'draft' ? `draft:${e.x},${e.y}` : `${e.id}:${e.conflict ?? ''}`
  const edit = e.kind === 'draft' ? null : e
  const others = edit ? (data.marks.get(edit.id) ?? []).filter((m) => m.editing).map((m) => m.name) : []
  return keyed(
    key,
    html`<cg-label-editor
      .value=${value}
      .base=${edit?.base ?? ''}
      .draft=${edit?.draft ?? null}
      .conflict=${edit?.conflict ?? null}
      .others=${others}
      .label=${label}
      .kind=${e.kind === 'link' ? 'link' : 'concept'}
      style="transform:translate(${x}px,${y}px) translate(-50%,-50%);--cg-editor-width:${width}px"
      @cg-commit=${onCommit}
      @cg-cancel=${onCancel}
    ></cg-label-editor>`
  )
}

/** The dashed line that follows the pointer while a link is dragged out of a concept. */
export function renderLinkPreview(l: LinkDrag | null, boxes: ReadonlyMap<string, Box>) {
  const from = l && boxes.get(l.from)
  if (!l || !from) return nothing
  const target = l.target ? boxes.get(l.target) : null
  const end = target ?? { x: l.x, y: l.y }
  const start = exitPoint(from, end, 2)
  const stop = target ? exitPoint(target, from, 4) : end
  return html`<svg class="preview" aria-hidden="true">${svg`<path d="M${start.x} ${start.y}L${stop.x} ${stop.y}"></path>`}</svg>`
}

/** The linking phrases, in layout groups (see inGroups). */
export function renderLinks(
  drawn: readonly Link[],
  geometries: ReadonlyMap<string, CachedGeometry>,
  concepts: ReadonlyMap<string, Concept>,
  item: (id: string) => ItemState
) {
  return repeat(inGroups(drawn), (g) => g.key, (g) => html`<div class="group">${repeat(g.items, (l) => l.id, (l) => {
    const s = item(l.id)
    return html`<cg-link
      .link=${l}
      .geometry=${geometries.get(l.id)!.geometry}
      .fromLabel=${concepts.get(l.from)!.label}
      .toLabel=${concepts.get(l.to)!.label}
      .selected=${s.selected}
      .active=${s.active}
      .editing=${s.editing}
      .marks=${s.marks}
      .posInSet=${s.posInSet}
      .setSize=${s.setSize}
    ></cg-link>`
  })}</div>`)
}

/** The concepts, in layout groups, painted over the links. */
export function renderConcepts(
  concepts: readonly Concept[],
  descriptions: ReadonlyMap<string, string>,
  sizeObserver: ResizeObserver,
  item: (id: string) => ItemState,
  dropTarget: string | null,
  readOnly: boolean
) {
  return repeat(inGroups(concepts), (g) => g.key, (g) => html`<div class="group">${repeat(g.items, (c) => c.id, (c) => {
    const s = item(c.id)
    return html`<cg-concept
      .concept=${c}
      .selected=${s.selected}
      .active=${s.active}
      .editing=${s.editing}
      .dropTarget=${dropTarget === c.id}
      .readOnly=${readOnly}
      .marks=${s.marks}
      .description=${descriptions.get(c.id) ?? ''}
      .sizeObserver=${sizeObserver}
      .posInSet=${s.posInSet}
      .setSize=${s.setSize}
    ></cg-concept>`
  })}</div>`)
}
