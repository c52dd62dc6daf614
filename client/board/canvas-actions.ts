import type { Link } from '../../shared/schema/board-map'
import { computeLayout } from '../model/auto-layout'
import type { Box } from '../model/geometry'
import { toWorld } from '../model/viewport'
import { newConceptSpot } from './new-concept-spot'
import type { CanvasHost } from './canvas-types'
import type { CanvasView } from './canvas-view'

/** The canvas as its larger actions see it: the host, its view, and the links it draws. */
export interface ActionsHost extends CanvasHost {
  readonly view: CanvasView
  readonly model: { readonly drawn: readonly Link[] }
  fitTo(boxes: ReadonlyMap<string, Box>): void
}

/**
 * Makes a concept from a stream item: at the point it was dropped (client coordinates), or beside
 * the active concept or in the middle of the view. It is selected and focused, so Enter (or a
 * double-click) edits the label at once. Returns its id, or null when the map is read-only.
 */
export function addFromStream(host: ActionsHost, label: string, origin: string, at?: { clientX: number; clientY: number }): string | null {
  if (host.readOnly || !host.ops) return null
  host.view.autoFit = false
  let spot = newConceptSpot(host)
  if (at) {
    const p = host.screenPoint(at, true)
    const w = toWorld(host.viewport, p.x, p.y)
    spot = host.freeSpotNear(w.x, w.y)
  }
  const id = host.ops.createConceptFromStream(label, spot.x, spot.y, origin)
  host.selection = new Set([id])
  host.focusItem(id)
  host.announce(`Added “${label}” from the customer voice. Press Enter to edit its label.`)
  return id
}

/**
 * Shows the concepts made from a stream item (the customer voice's Show, on items already on the
 * map): selected, the view fitted to them clear of the panels over the map, the first one focused.
 * Returns their ids; none when no concept has that origin (any more).
 */
export function showFromStream(host: ActionsHost, origin: string): string[] {
  const made = [...host.concepts.values()].filter((c) => c.origin === origin)
  const boxes = new Map(made.flatMap((c) => (host.boxes.has(c.id) ? [[c.id, host.boxes.get(c.id)!] as const] : [])))
  if (boxes.size === 0) return []
  host.view.autoFit = false
  host.fitTo(boxes)
  host.selection = new Set(boxes.keys())
  const first = made.find((c) => boxes.has(c.id))!
  host.focusItem(first.id)
  host.announce(boxes.size === 1 ? `“${first.label}” is on the map, made from this item.` : `${boxes.size} concepts on the map were made from this item, all selected.`)
  return [...boxes.keys()]
}

export function deleteSelection(host: CanvasHost): void {
  if (host.readOnly || !host.ops || host.selection.size === 0) return
  const ids = [...host.selection]
  const names = ids.map((id) => host.concepts.get(id)?.label ?? host.links.get(id)?.label).filter(Boolean)
  host.ops.deleteItems(ids)
  host.selection = new Set()
  host.announce(ids.length === 1 ? `Deleted ${names[0] || 'item'}` : `Deleted ${ids.length} items`)
  host.focusItem(null)
}

/** Lays the map out with dagre: one change, the same for everyone, one undo step. */
export async function autoLayout(host: ActionsHost): Promise<void> {
  if (host.readOnly || !host.ops || host.boxes.size === 0) return
  const positions = await computeLayout({ boxes: host.boxes, links: host.model.drawn })
  host.history?.stopCapturing()
  host.ops.moveConcepts(positions)
  host.history?.stopCapturing()
  // Fitted to where the concepts now are: the new positions reach the canvas a render later.
  host.fitTo(new Map([...positions].map(([id, p]) => [id, { ...host.boxes.get(id)!, x: p.x, y: p.y }])))
  host.announce('Map laid out automatically. Undo restores the previous layout.')
}
