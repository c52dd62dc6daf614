import { nearestInDirection, type Direction } from '../model/spatial-nav'
import { startNewConcept } from './new-concept-spot'
import type { CanvasHost } from './canvas-types'

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }
const NUDGE = 10
const BIG_NUDGE = 50

/** Where each item sits, for arrow-key navigation: concepts at their centre, links at their phrase. */
function itemPositions(host: CanvasHost): { id: string; x: number; y: number }[] {
  const items: { id: string; x: number; y: number }[] = []
  for (const [id, b] of host.boxes) items.push({ id, x: b.x, y: b.y })
  for (const l of host.links.values()) {
    const a = host.boxes.get(l.from)
    const b = host.boxes.get(l.to)
    if (a && b) items.push({ id: l.id, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 })
  }
  return items
}

/**
 * The map's keyboard: everything the pointer does has a key (listed in the help dialog).
 * Returns whether the key was used.
 */
export function handleMapKey(host: CanvasHost, e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey
  const active = host.activeId && (host.concepts.has(host.activeId) || host.links.has(host.activeId)) ? host.activeId : null
  const dir = ARROWS[e.key]
  if (dir) {
    if (e.shiftKey && !host.readOnly) return nudge(host, dir, mod ? BIG_NUDGE : NUDGE)
    const items = itemPositions(host)
    const here = active ? items.find((i) => i.id === active) : null
    const v = host.viewport
    const from = here ?? { x: (host.viewportSize().w / 2 - v.x) / v.zoom, y: (host.viewportSize().h / 2 - v.y) / v.zoom }
    const next = here ? nearestInDirection(here, items.filter((i) => i.id !== active), dir) : nearestTo(from, items)
    if (!next) return true
    if (!mod) host.selection = new Set([next.id])
    host.focusItem(next.id)
    return true
  }
  if (mod && !e.altKey && e.key.toLowerCase() === 'a') {
    host.selection = new Set(host.concepts.keys())
    host.announce(`${host.concepts.size} concepts selected`)
    return true
  }
  if (mod || e.altKey) return false
  switch (e.key) {
    case ' ':
      if (!active) return false
      {
        const next = new Set(host.selection)
        if (next.has(active)) next.delete(active)
        else next.add(active)
        host.selection = next
      }
      return true
    case 'Enter':
    case 'F2':
      if (!active || host.readOnly) return false
      host.startEditing(active)
      return true
    case 'n':
    case 'N':
    case 'Insert': {
      if (host.readOnly) return false
      startNewConcept(host)
      return true
    }
    case 'l':
    case 'L':
      if (!active || host.readOnly || !host.concepts.has(active)) return false
      host.openConnect(active)
      return true
    case 'Delete':
    case 'Backspace':
      if (host.readOnly) return false
      if (host.selection.size === 0 && active) host.selection = new Set([active])
      host.deleteSelection()
      return true
    case 'Escape':
      if (host.selection.size === 0) return false
      host.selection = new Set()
      return true
    case '+':
    case '=':
      host.zoomBy(1.25)
      return true
    case '-':
    case '_':
      host.zoomBy(0.8)
      return true
    case '0':
      host.zoomTo(1)
      return true
    case '1':
    case '!':
      host.fit()
      return true
  }
  return false
}

function nudge(host: CanvasHost, dir: Direction, step: number): boolean {
  const dx = dir === 'left' ? -step : dir === 'right' ? step : 0
  const dy = dir === 'up' ? -step : dir === 'down' ? step : 0
  const ids = host.selection.size ? [...host.selection] : host.activeId ? [host.activeId] : []
  const moves = new Map<string, { x: number; y: number }>()
  for (const id of ids) {
    const c = host.concepts.get(id)
    if (c) moves.set(id, { x: c.x + dx, y: c.y + dy })
  }
  if (moves.size) host.ops?.moveConcepts(moves)
  return true
}

function nearestTo<T extends { x: number; y: number }>(p: { x: number; y: number }, items: T[]): T | null {
  let best: T | null = null
  let d = Infinity
  for (const i of items) {
    const di = Math.hypot(i.x - p.x, i.y - p.y)
    if (di < d) {
      d = di
      best = i
    }
  }
  return best
}
