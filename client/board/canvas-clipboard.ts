import type { BoardMap } from '../../shared/schema/board-map'
import type { CanvasHost } from './canvas-types'

/**
 * Copy, paste and duplicate on the map (Ctrl/⌘ C, V, D). The system clipboard carries the board JSON
 * file so a selection moves between boards; when the page may not use it (no permission, an
 * insecure origin), a copy made here still pastes here.
 */

let lastCopied: string | null = null

const clipboard = () => import('./map-clipboard')

function selectedIds(host: CanvasHost): string[] {
  const ids = [...host.selection].filter((id) => host.concepts.has(id))
  if (!ids.length && host.activeId && host.concepts.has(host.activeId)) ids.push(host.activeId)
  return ids
}

/** Copies the selected concepts and the links among them; returns false when nothing is selected. */
export function copySelection(host: CanvasHost): boolean {
  const ids = selectedIds(host)
  if (!ids.length) return false
  void clipboard().then(async ({ selectedMap, clipboardText }) => {
    const map = selectedMap(host.concepts, host.links, ids)
    lastCopied = clipboardText(map)
    await navigator.clipboard?.writeText(lastCopied).catch(() => {})
    host.announce(`Copied ${map.concepts.length === 1 ? map.concepts[0]!.label || '1 concept' : `${map.concepts.length} concepts`}${map.links.length ? ` and ${map.links.length} ${map.links.length === 1 ? 'link' : 'links'}` : ''}`)
  })
  return true
}

/** Pastes a copied map around the middle of the view, clear of what is there. */
export function paste(host: CanvasHost): boolean {
  if (host.readOnly || !host.ops) return false
  void (async () => {
    const { pastedMap } = await clipboard()
    const text = await navigator.clipboard?.readText().catch(() => null)
    const map = (text && pastedMap(text)) || (lastCopied && pastedMap(lastCopied))
    if (!map) return host.announce('Nothing to paste: copy concepts first')
    const v = host.viewport
    const { w, h } = host.viewportSize()
    const spot = host.freeSpotNear((w / 2 - v.x) / v.zoom, (h / 2 - v.y) / v.zoom)
    const c = centreOf(map)
    place(host, map, spot.x - c.x, spot.y - c.y, 'Pasted')
  })()
  return true
}

/** Duplicates the selected concepts and the links among them, beside the originals. */
export function duplicateSelection(host: CanvasHost): boolean {
  const ids = selectedIds(host)
  if (host.readOnly || !host.ops || !ids.length) return false
  void clipboard().then(({ selectedMap }) => {
    const map = selectedMap(host.concepts, host.links, ids)
    place(host, map, 40, 40, 'Duplicated')
  })
  return true
}

function centreOf(map: BoardMap): { x: number; y: number } {
  let x = 0
  let y = 0
  for (const c of map.concepts) {
    x += c.x
    y += c.y
  }
  return { x: x / map.concepts.length, y: y / map.concepts.length }
}

function place(host: CanvasHost, map: BoardMap, dx: number, dy: number, verb: string): void {
  const ids = host.ops?.addCopy(map, dx, dy) ?? []
  if (!ids.length) return
  host.history?.stopCapturing()
  host.selection = new Set(ids)
  host.focusItem(ids[0]!)
  host.announce(`${verb} ${ids.length === 1 ? '1 concept' : `${ids.length} concepts`}`)
}
