import type { Concept, Link } from '../../shared/schema/board-map'
import { hexColor } from '../../shared/exchange/color'
import type { Box, LinkGeometry } from '../model/geometry'
import type { Viewport } from '../model/viewport'
import { phraseRect, type CachedGeometry } from './link-layout'
import type { RemoteMark } from './marks'

/**
 * The map far out, drawn into one 2D canvas the size of the view (see canvas-far.ts): boxes, lines,
 * arrowheads, and the marks of hands on them, as the DOM map draws them (the colours and sizes are
 * those of canvas-styles.ts, in map units). Below FAR_ZOOM labels are unreadable, and painting
 * thousands of DOM items, each its own paint layer, cost more per frame than drawing them all here.
 */
export interface OverviewScene {
  concepts: ReadonlyMap<string, Concept>
  boxes: ReadonlyMap<string, Box>
  drawn: readonly Link[]
  geometries: ReadonlyMap<string, CachedGeometry>
  selection: ReadonlySet<string>
  marks: ReadonlyMap<string, readonly RemoteMark[]>
  /** The concept a link being dragged out would join. */
  dropTarget: string | null
  /** The item with visible keyboard focus. */
  focused: string | null
  readOnly: boolean
  /** Marks naming people are shown (not while the live view is projected). */
  personNames: boolean
}

/** The DOM map's colours (canvas-styles.ts). */
const INK = {
  border: '#475569',
  line: '#64748b',
  selected: '#2563eb',
  halo: '#93c5fd',
  stream: '#0e7490',
  drop: '#16a34a',
  dropHalo: '#86efac',
  white: '#ffffff'
}

/** A link's line, parsed once: its points (a curve's control point second), where its arrowhead points, the box around it. */
interface Stroke {
  points: number[]
  curve: boolean
  tip: { x: number; y: number }
  dir: { x: number; y: number }
  min: { x: number; y: number }
  max: { x: number; y: number }
}

// Geometries are kept while their link does not move: so is their parsed path.
const strokes = new WeakMap<LinkGeometry, Stroke>()

function strokeOf(g: LinkGeometry): Stroke {
  const known = strokes.get(g)
  if (known) return known
  // `M x y L x y`, `M x y Q cx cy x y` or a hub's `M x y L x y L x y`: the arrow follows the last
  // segment (from the control point, for a curve), as an SVG marker with orient="auto" does.
  const n = (g.line.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number)
  const k = n.length
  const tip = { x: n[k - 2] ?? 0, y: n[k - 1] ?? 0 }
  const dx = tip.x - (n[k - 4] ?? tip.x)
  const dy = tip.y - (n[k - 3] ?? tip.y)
  const len = Math.hypot(dx, dy) || 1
  const min = { x: Infinity, y: Infinity }
  const max = { x: -Infinity, y: -Infinity }
  for (let i = 0; i + 1 < k; i += 2) {
    min.x = Math.min(min.x, n[i]!)
    max.x = Math.max(max.x, n[i]!)
    min.y = Math.min(min.y, n[i + 1]!)
    max.y = Math.max(max.y, n[i + 1]!)
  }
  const s = { points: n, curve: g.line.includes('Q'), tip, dir: { x: dx / len, y: dy / len }, min, max }
  strokes.set(g, s)
  return s
}

/** Adds a concept's outline, grown (or shrunk, negative) by `grow`, to a path. */
function outline(p: Path2D, c: Concept | undefined, b: Box, grow = 0): void {
  const w = b.w / 2 + grow
  const h = b.h / 2 + grow
  const shape = c?.shape
  if (shape === 'ellipse') {
    p.moveTo(b.x + w, b.y)
    p.ellipse(b.x, b.y, Math.max(0, w), Math.max(0, h), 0, 0, 2 * Math.PI)
  } else if (shape === 'diamond') {
    p.moveTo(b.x, b.y - h)
    p.lineTo(b.x + w, b.y)
    p.lineTo(b.x, b.y + h)
    p.lineTo(b.x - w, b.y)
    p.closePath()
  } else {
    // Square: the DOM's corners far out (3 px) are under a screen pixel (see drawConcepts).
    p.rect(b.x - w, b.y - h, 2 * w, 2 * h)
  }
}

/** Adds a line to the context's path (a path per line, or Path2D.addPath, cost more to record and collect). */
function line(ctx: CanvasRenderingContext2D, st: Stroke): void {
  const n = st.points
  ctx.moveTo(n[0]!, n[1]!)
  if (st.curve) ctx.quadraticCurveTo(n[2]!, n[3]!, n[4]!, n[5]!)
  else for (let i = 2; i + 1 < n.length; i += 2) ctx.lineTo(n[i]!, n[i + 1]!)
}

/** Adds an arrowhead (the marker of canvas-layers: 10 long, 10 wide, its tip at the line's end). */
function arrow(ctx: CanvasRenderingContext2D, st: Stroke): void {
  const { tip, dir } = st
  ctx.moveTo(tip.x, tip.y)
  ctx.lineTo(tip.x - dir.x * 10 - dir.y * 5, tip.y - dir.y * 10 + dir.x * 5)
  // Not closed: a fill closes it anyway, and closePath was the costliest call of a whole redraw.
  ctx.lineTo(tip.x - dir.x * 10 + dir.y * 5, tip.y - dir.y * 10 - dir.x * 5)
}

function ring(ctx: CanvasRenderingContext2D, c: Concept | undefined, b: Box, grow: number, width: number, color: string): void {
  const p = new Path2D()
  outline(p, c, b, grow)
  ctx.lineWidth = width
  ctx.strokeStyle = color
  ctx.stroke(p)
}

/** Paints the scene for view `v` on a canvas of `size` CSS pixels at `dpr` device pixels each. */
export function drawOverview(ctx: CanvasRenderingContext2D, s: OverviewScene, v: Viewport, size: { w: number; h: number }, dpr: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  ctx.setTransform(dpr * v.zoom, 0, 0, dpr * v.zoom, dpr * v.x, dpr * v.y)
  // The part of the map on screen, with room for what reaches beyond a box (halos, badges).
  const pad = 40
  const minX = -v.x / v.zoom - pad
  const minY = -v.y / v.zoom - pad
  const maxX = (size.w - v.x) / v.zoom + pad
  const maxY = (size.h - v.y) / v.zoom + pad
  const seen = (b: Box) => b.x + b.w / 2 >= minX && b.x - b.w / 2 <= maxX && b.y + b.h / 2 >= minY && b.y - b.h / 2 <= maxY
  drawLinks(ctx, s, (st) => st.max.x >= minX && st.min.x <= maxX && st.max.y >= minY && st.min.y <= maxY)
  drawPhraseMarks(ctx, s, seen)
  drawConcepts(ctx, s, seen)
}

function drawLinks(ctx: CanvasRenderingContext2D, s: OverviewScene, seen: (st: Stroke) => boolean): void {
  // Every plain line in one path and every arrowhead in another: a handful of draw calls in all.
  const plain: Stroke[] = []
  const selected: Stroke[] = []
  for (const l of s.drawn) {
    const g = s.geometries.get(l.id)?.geometry
    if (!g?.visible) continue
    const st = strokeOf(g)
    if (seen(st)) (s.selection.has(l.id) ? selected : plain).push(st)
  }
  for (const [list, color, width] of [[plain, INK.line, 1.5], [selected, INK.selected, 2.5]] as const) {
    if (!list.length) continue
    ctx.beginPath()
    for (const st of list) line(ctx, st)
    ctx.lineWidth = width
    ctx.strokeStyle = color
    ctx.stroke()
    ctx.beginPath()
    for (const st of list) arrow(ctx, st)
    ctx.fillStyle = color
    ctx.fill()
  }
}

/**
 * Phrases far out are drawn by neither text nor background (see `.far` in canvas-styles): only
 * others' marks on them, and keyboard focus, show.
 */
function drawPhraseMarks(ctx: CanvasRenderingContext2D, s: OverviewScene, seen: (b: Box) => boolean): void {
  for (const l of s.drawn) {
    const marks = s.marks.get(l.id)
    if (!marks?.length && s.focused !== l.id) continue
    const g = s.geometries.get(l.id)?.geometry
    const r = g && phraseRect(l, g)
    if (!r || !seen(r)) continue
    const p = new Path2D()
    if (marks?.length) {
      p.roundRect(r.x - r.w / 2 - 1, r.y - r.h / 2 - 1, r.w + 2, r.h + 2, 5)
      ctx.lineWidth = 2
      ctx.strokeStyle = marks[0]!.color
      ctx.stroke(p)
      drawBadges(ctx, s, marks, r)
    }
    if (s.focused === l.id) {
      const f = new Path2D()
      f.roundRect(r.x - r.w / 2 - 4.5, r.y - r.h / 2 - 4.5, r.w + 9, r.h + 9, 7)
      ctx.lineWidth = 3
      ctx.strokeStyle = INK.selected
      ctx.stroke(f)
    }
  }
}

function drawConcepts(ctx: CanvasRenderingContext2D, s: OverviewScene, seen: (b: Box) => boolean): void {
  // Boxes (rounded 3 px by the DOM far out: under one screen pixel here) as rectangles, each border
  // a box of the border's colour under one of the fill's, 1.5 smaller all round: filled rectangles
  // are the cheapest thing a canvas draws (a path of a thousand rounded boxes took ten times as
  // long to record and to raster). Grouped by colour: a few colour changes a frame.
  const borders = new Map<string, Box[]>()
  const fills = new Map<string, Box[]>()
  // Ellipses and diamonds: paths, few on most maps.
  const shaped = new Map<string, Path2D>()
  const special: [Concept | undefined, Box, string][] = []
  const add = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k)
    if (list) list.push(v)
    else m.set(k, [v])
  }
  for (const [id, b] of s.boxes) {
    if (!seen(b)) continue
    const c = s.concepts.get(id)
    const fill = hexColor(c?.color) ?? INK.white
    if (c?.shape === 'ellipse' || c?.shape === 'diamond') {
      let path = shaped.get(fill)
      if (!path) shaped.set(fill, (path = new Path2D()))
      outline(path, c, b)
    } else {
      add(borders, c?.origin ? INK.stream : INK.border, b)
      add(fills, fill, b)
    }
    if (s.selection.has(id) || s.marks.has(id) || s.dropTarget === id || s.focused === id || c?.origin) special.push([c, b, id])
  }
  for (const [color, list] of borders) {
    ctx.fillStyle = color
    for (const b of list) ctx.fillRect(b.x - b.w / 2, b.y - b.h / 2, b.w, b.h)
  }
  for (const [color, list] of fills) {
    ctx.fillStyle = color
    for (const b of list) ctx.fillRect(b.x - b.w / 2 + 1.5, b.y - b.h / 2 + 1.5, b.w - 3, b.h - 3)
  }
  ctx.lineWidth = 1.5
  ctx.strokeStyle = INK.border
  for (const [color, path] of shaped) {
    ctx.fillStyle = color
    ctx.fill(path)
    ctx.stroke(path)
  }
  for (const [c, b, id] of special) drawHands(ctx, s, c, b, id)
}

/** What sets one concept apart: selection, others' marks, a link's drop target, focus, the stream's badge. */
function drawHands(ctx: CanvasRenderingContext2D, s: OverviewScene, c: Concept | undefined, b: Box, id: string): void {
  const selected = s.selection.has(id)
  const marks = s.marks.get(id) ?? []
  if (s.dropTarget === id) {
    ring(ctx, c, b, -0.75, 1.5, INK.drop)
    ring(ctx, c, b, 1.5, 3, INK.dropHalo)
  } else if (selected) {
    ring(ctx, c, b, -0.75, 1.5, INK.selected)
    ring(ctx, c, b, 1, 2, INK.halo)
    if (marks.length) ring(ctx, c, b, 3, 2, marks[0]!.color)
  } else if (marks.length) ring(ctx, c, b, 1, 2, marks[0]!.color)
  if (marks.length) drawBadges(ctx, s, marks, b)
  if (c?.origin) {
    ctx.fillStyle = INK.stream
    ctx.beginPath()
    ctx.arc(b.x - b.w / 2, b.y - b.h / 2, 9, 0, 2 * Math.PI)
    ctx.fill()
  }
  // The link handle a selected concept shows at its right edge.
  if (selected && !s.readOnly) {
    ctx.fillStyle = INK.white
    ctx.beginPath()
    ctx.arc(b.x + b.w / 2 + 1, b.y, 7, 0, 2 * Math.PI)
    ctx.fill()
    ctx.fillStyle = INK.selected
    ctx.beginPath()
    ctx.arc(b.x + b.w / 2 + 1, b.y, 5, 0, 2 * Math.PI)
    ctx.fill()
  }
  if (s.focused === id) ring(ctx, c, b, 4.5, 3, INK.selected)
}

/** Others' name badges (and vote dots) in a row above an item, as `.marks` lays them out. */
function drawBadges(ctx: CanvasRenderingContext2D, s: OverviewScene, marks: readonly RemoteMark[], b: Box): void {
  ctx.font = '600 11px system-ui, sans-serif'
  ctx.textBaseline = 'middle'
  let x = b.x - b.w / 2 - 2
  const y = b.y - b.h / 2 - 3 - 15
  for (const m of marks) {
    if (m.person && !s.personNames) continue
    const text = m.editing ? `${m.name} is editing` : m.name
    const w = ctx.measureText(text).width + 10
    ctx.fillStyle = m.color
    ctx.beginPath()
    ctx.roundRect(x, y, w, 15, 4)
    ctx.fill()
    ctx.fillStyle = INK.white
    ctx.fillText(text, x + 5, y + 8)
    x += w + 2
  }
}
