import type { CanvasHost } from './canvas-types'

/**
 * Where a new concept goes, never on another: right of the focused one, else below, left of or
 * above it, else the middle of the view, the first of them that is in view. A phone's view is two concepts wide: always
 * to the right, each Add panned the view and pushed the earlier concepts off screen, one long row.
 * "In view" and "the middle" are of the free part of the view (host.freeView): a concept placed
 * right of one beside an open side panel landed under the panel, out of sight.
 */
export function newConceptSpot(host: CanvasHost): { x: number; y: number } {
  const v = host.viewport
  const { w } = host.viewportSize()
  const area = host.freeView()
  const middle = () => host.freeSpotNear(((area.left + area.right) / 2 - v.x) / v.zoom, ((area.top + area.bottom) / 2 - v.y) / v.zoom)
  const near = host.activeId ? host.boxes.get(host.activeId) : null
  if (!near) return middle()
  // A short label's box (120 × 50) well inside the free part. On a phone the colour panel (two rows)
  // that the new, selected concept brings covers the bottom of the view (the toolbar is below the map there).
  const bottom = w <= 600 ? 130 : 12
  const inView = (p: { x: number; y: number }) => {
    const sx = p.x * v.zoom + v.x
    const sy = p.y * v.zoom + v.y
    return sx - 60 * v.zoom >= area.left + 12 && sx + 60 * v.zoom <= area.right - 12 && sy - 25 * v.zoom >= area.top + 12 && sy + 25 * v.zoom <= area.bottom - bottom
  }
  const right = host.freeSpotNear(near.x + near.w / 2 + 150, near.y)
  if (inView(right)) return right
  const others = [
    () => host.freeSpotNear(near.x, near.y + near.h / 2 + 70),
    () => host.freeSpotNear(near.x - near.w / 2 - 150, near.y),
    () => host.freeSpotNear(near.x, near.y - near.h / 2 - 70),
    middle
  ]
  for (const spot of others) {
    const p = spot()
    if (inView(p)) return p
  }
  // Nowhere near it in view: beside it all the same, and the draft brings it into view (startDraft).
  return right
}

/**
 * A new concept by key or the toolbar's Add: its editor opens at newConceptSpot, and the view pans
 * (as little as needed) to show it whole, clear of a side panel and the toolbar.
 */
export function startNewConcept(host: CanvasHost): void {
  const spot = newConceptSpot(host)
  host.startDraft(spot.x, spot.y)
  // The draft's editor box (editedBox's): the concept it becomes is no larger for a short label.
  host.reveal({ x: spot.x, y: spot.y, w: 160, h: 40 })
}
