import { html, nothing } from 'lit'
import { renderBackdrop, renderConcepts, renderEdges, renderEditor, renderLinkPreview, renderLinks } from './canvas-layers'
import type { CgCanvas } from './cg-canvas'
import type { RemoteMark } from './marks'

const NO_MARKS: readonly RemoteMark[] = []

/**
 * The canvas's template: the view (pointer input), the world (backdrop, arrows, the listbox of
 * phrases and concepts, the editor), and what floats over it: the cursors, and in the part no side
 * panel covers (.free) the colour panel, find, the overview and the empty map's hint.
 */
export function renderCanvas(c: CgCanvas) {
  const m = c.model
  const sel = c.selection
  const editingId = c.editing && c.editing.kind !== 'draft' ? c.editing.id : null
  const dropTarget = c.linking?.target ?? null
  const item = (id: string) => ({
    selected: sel.has(id),
    active: c.activeId === id,
    editing: editingId === id,
    marks: c.marks.get(id) ?? NO_MARKS,
    posInSet: m.positions.get(id) ?? 0,
    setSize: m.positions.size
  })
  const activeExists = c.activeId !== null && (c.concepts.has(c.activeId) || c.links.has(c.activeId))
  return html`<div
      class="viewport ${c.readOnly ? 'read-only' : ''}"
      @pointerdown=${c.onPointerDown}
      @pointermove=${c.gestures.onPointerMove}
      @pointerup=${c.gestures.onPointerUp}
      @pointercancel=${c.gestures.onPointerUp}
      @pointerleave=${c.gestures.onPointerLeave}
      @dblclick=${c.gestures.onDblClick}
    >
      <canvas class="far-canvas" hidden aria-hidden="true"></canvas>
      <div class="world">
        ${renderBackdrop(m.backdrop)} ${renderEdges(m.shown.links, m.geometries, sel)}
        <div
          class="map"
          role="listbox"
          aria-multiselectable="true"
          aria-roledescription="concept map"
          aria-label=${c.mapLabel}
          aria-readonly=${c.readOnly ? 'true' : 'false'}
          tabindex=${activeExists ? -1 : 0}
          @keydown=${c.onKeyDown}
          @focusin=${c.onFocusIn}
          @focusout=${c.far.onFocusChange}
        >
          ${renderLinks(m.shown.phrases, m.geometries, c.concepts, item)}
          ${renderConcepts(m.shown.concepts, m.descriptions, c.sizeObserver, item, dropTarget, c.readOnly)}
        </div>
        <div class="overlay">
          ${renderEditor(c.editing, { ...m, concepts: c.concepts, links: c.links, marks: c.marks }, c.onCommit, c.onCancel)}
          ${renderLinkPreview(c.linking, m.boxes)}
        </div>
      </div>
      <div class="shield"></div>
      <div class="marquee" hidden></div>
      <cg-cursors .awareness=${c.awareness}></cg-cursors>
      <div class="free">
        ${c.restyle.render()} ${c.overview.render(c.concepts.size, c.overviewOpen)} ${c.find.render()}
        ${c.concepts.size === 0 && c.loaded
          ? html`<p class="hint">${c.readOnly
              ? 'Nothing on this map yet. You will see it grow here as others add concepts.'
              : matchMedia('(pointer: coarse)').matches
                ? 'Double-tap anywhere, or tap + in the toolbar, to add a concept.'
                : html`Double-click anywhere, or press <kbd>N</kbd>, to add a concept.`}</p>`
          : nothing}
      </div>
    </div>
    ${c.connect.render()}`
}
