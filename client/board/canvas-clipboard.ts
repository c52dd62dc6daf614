import type { BoardMap } from '../../shared/schema/board-map'
import type { Box } from '../model/geometry'
import type { CanvasHost } from './canvas-types'

/**
 * Copy, paste and duplicate on the map (Ctrl/⌘ C, V, D). The system clipboard carries the board JSON
 * file so a selection moves between boards; when the page may not use it (no permission, an
 * insecure origin), a copy made here still pastes here.
 */

let lastCopied: string | null = null

const clipboard = () => import('./map-clipboard')

/**
 * Whether Paste can act: a copy made in this page, or a system clipboard the page may read (granted,
 * or asked for on the tap: the browser prompts). Without either, the menu's Paste is disabled.
 */
export async function canPaste(): Promise<boolean> {
  if (lastCopied) return true
  if (typeof navigator.clipboard?.readText !== 'function') return false
  // Firefox and Safari know no 'clipboard-read' permission (the query throws): they ask on reading.
  const state = await navigator.permissions?.query({ name: 'clipboard-read' as PermissionName }).then((p) => p.state, () => 'prompt')
  return state !== 'denied'
}

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
    // Said on screen too: a tap on Paste that does nothing visible would look broken.
    if (!map) return host.tell('Nothing to paste yet: select concepts and Copy them first (here or on another board).')
    const v = host.viewport
    const { w, h } = host.viewportSize()
    const c = centreOf(map)
    // The whole group clear of what is there, not only a concept's worth of room at its middle.
    const group = map.concepts.map((k) => ({ x: k.x - c.x, y: k.y - c.y, ...estimatedSize(k.label) }))
    const spot = host.freeSpotNear((w / 2 - v.x) / v.zoom, (h / 2 - v.y) / v.zoom, group)
    place(host, map, spot.x - c.x, spot.y - c.y, 'Pasted')
    showGroup(host, group, spot)
  })()
  return true
}

/** Duplicates the selected concepts and the links among them, beside the originals. */
export function duplicateSelection(host: CanvasHost): boolean {
  const ids = selectedIds(host)
  if (host.readOnly || !host.ops || !ids.length) return false
  void clipboard().then(({ selectedMap }) => {
    const map = selectedMap(host.concepts, host.links, ids)
    // Beside the originals (down and right), the nearest place where no copy lands on a concept or
    // a phrase, the originals included: a fixed offset put copies on the neighbours in a full map.
    const c = centreOf(map)
    const group = map.concepts.map((k) => {
      const b = host.boxes.get(k.id)
      return { x: k.x - c.x, y: k.y - c.y, ...(b ? { w: b.w, h: b.h } : estimatedSize(k.label)) }
    })
    const spot = host.freeSpotNear(c.x + 40, c.y + 40, group)
    place(host, map, spot.x - c.x, spot.y - c.y, 'Duplicated')
    showGroup(host, group, spot)
  })
  return true
}

/**
 * Pans just enough for the copies (`group` around `at`) to be in view, clear of the edges and of a
 * desktop's toolbar: in a full map the free space nearest may be past an edge of the screen. A
 * group larger than the view is shown from its middle.
 */
function showGroup(host: CanvasHost, group: readonly Box[], at: { x: number; y: number }): void {
  const v = host.viewport
  const { w, h } = host.viewportSize()
  const edge = { left: 48, top: 48, right: w - 48, bottom: h - 100 }
  let left = Infinity
  let top = Infinity
  let right = -Infinity
  let bottom = -Infinity
  for (const b of group) {
    left = Math.min(left, (at.x + b.x - b.w / 2) * v.zoom + v.x)
    top = Math.min(top, (at.y + b.y - b.h / 2) * v.zoom + v.y)
    right = Math.max(right, (at.x + b.x + b.w / 2) * v.zoom + v.x)
    bottom = Math.max(bottom, (at.y + b.y + b.h / 2) * v.zoom + v.y)
  }
  const shift = (lo: number, hi: number, min: number, max: number) =>
    hi - lo > max - min ? (min + max) / 2 - (lo + hi) / 2 : lo < min ? min - lo : hi > max ? max - hi : 0
  const dx = shift(left, right, edge.left, edge.right)
  const dy = shift(top, bottom, edge.top, edge.bottom)
  if (dx || dy) host.setViewport({ ...v, x: v.x + dx, y: v.y + dy })
}

/** A pasted concept's box before the page has drawn it: about 7.5 px a character on a line, at most 220 wide. */
function estimatedSize(label: string): { w: number; h: number } {
  const lines = label.split('\n')
  const longest = Math.max(...lines.map((l) => l.length))
  return { w: Math.min(220, longest * 7.5 + 32), h: 20 + 18 * Math.max(lines.length, Math.ceil((longest * 7.5) / 190)) }
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
