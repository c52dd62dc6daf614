/** Screen = world × zoom + (x, y); the map is drawn in world (map) coordinates. */
export interface Viewport {
  x: number
  y: number
  zoom: number
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export const MIN_ZOOM = 0.1
export const MAX_ZOOM = 4

export const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z))

export function toWorld(v: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.x) / v.zoom, y: (sy - v.y) / v.zoom }
}

export function toScreen(v: Viewport, wx: number, wy: number): { x: number; y: number } {
  return { x: wx * v.zoom + v.x, y: wy * v.zoom + v.y }
}

/** Zooms by `factor` keeping the world point under screen point (sx, sy) where it is. */
export function zoomAt(v: Viewport, factor: number, sx: number, sy: number): Viewport {
  const zoom = clampZoom(v.zoom * factor)
  const k = zoom / v.zoom
  return { zoom, x: sx - (sx - v.x) * k, y: sy - (sy - v.y) * k }
}

/** The viewport that shows `bounds` centred in a width × height screen, zoom within the limits. */
export function fitBounds(
  bounds: Bounds,
  width: number,
  height: number,
  { padding = 48, minZoom = MIN_ZOOM, maxZoom = 1 } = {}
): Viewport {
  const bw = Math.max(1, bounds.maxX - bounds.minX)
  const bh = Math.max(1, bounds.maxY - bounds.minY)
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min((width - 2 * padding) / bw, (height - 2 * padding) / bh)))
  const cx = (bounds.minX + bounds.maxX) / 2
  const cy = (bounds.minY + bounds.maxY) / 2
  return { zoom, x: width / 2 - cx * zoom, y: height / 2 - cy * zoom }
}
