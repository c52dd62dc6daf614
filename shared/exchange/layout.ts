import { findHubs, type Hub } from '../drawing/hubs'
import { ALONG, Occupancy, farOffLine, firstFree, hubAxis, spotsAlong, type Rect } from '../drawing/phrase-place'
import type { Concept, Link } from '../schema/board-map'

/**
 * Geometry shared by the SVG picture and the CXL appearance lists, so CmapTools and the picture put
 * things in the same places. A concept's x, y is its centre (as in CXL); sizes come from w, h or are
 * estimated from the label, since no fonts are measured on the server.
 */

export const FONT_SIZE = 12
export const LINE_HEIGHT = 15
export const CHAR_WIDTH = 7
const PAD_X = 8
const PAD_Y = 6
const WRAP_UNITS = 24
const PHRASE_WRAP_UNITS = 30
const MIN_WIDTH = 40
/** Space between parallel links joining the same two concepts. */
const LANE = 40

export interface Point {
  x: number
  y: number
}

export interface Box {
  cx: number
  cy: number
  w: number
  h: number
  lines: string[]
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u

/** Width of a text in average character widths; wide (CJK, emoji) characters count two. */
export function units(text: string): number {
  if (/^[\x00-\u10FF]*$/.test(text)) return text.length
  let n = 0
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1
  return n
}

/**
 * Splits a label into lines: its own line breaks, then greedy word wrap. Only words longer than
 * `breakOver` are cut, so a tight box (CmapTools sizes boxes to its own font) does not split "delta".
 */
export function wrapText(text: string, maxUnits: number, breakOver = maxUnits): string[] {
  const out: string[] = []
  for (const para of text.split(/\r\n|[\r\n\u2028\u2029]/)) {
    const before = out.length
    let line = ''
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (units(candidate) <= maxUnits) { line = candidate; continue }
      if (line) out.push(line)
      let rest = word
      while (units(rest) > Math.max(maxUnits, breakOver)) {
        let cut = ''
        for (const ch of rest) {
          if (units(cut + ch) > maxUnits) break
          cut += ch
        }
        if (!cut) cut = String.fromCodePoint(rest.codePointAt(0)!)
        out.push(cut)
        rest = rest.slice(cut.length)
      }
      line = rest
      if (units(rest) > maxUnits) { out.push(rest); line = '' }
    }
    // An empty paragraph is a blank line; a paragraph whose last word filled a line adds none.
    if (line || out.length === before) out.push(line)
  }
  return out
}

const finite = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0)
const positive = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null)

function textBox(label: string, maxUnits: number, padX: number, padY: number, breakOver = maxUnits): { w: number; h: number; lines: string[] } {
  const lines = wrapText(label, maxUnits, breakOver)
  const widest = Math.max(0, ...lines.map(units))
  return { w: widest * CHAR_WIDTH + 2 * padX, h: lines.length * LINE_HEIGHT + 2 * padY, lines }
}

/** Extra room a shape needs around its text: an ellipse or a diamond has less inside than its box. */
export function shapeRoom(shape: unknown): { x: number; y: number } {
  if (shape === 'ellipse') return { x: 1.3, y: 1.3 }
  if (shape === 'diamond') return { x: 1.8, y: 1.8 }
  return { x: 1, y: 1 }
}

/**
 * A concept's box: its stored size, grown where its text would not fit (a file's boxes are sized
 * to CmapTools' fonts, not ours), so a label never spills out of its box.
 */
export function conceptBox(c: Concept): Box {
  const w = positive(c.w)
  const h = positive(c.h)
  const room = shapeRoom(c.shape)
  // Inside a given width, wrap by a narrower average: the estimate errs wide so estimated boxes fit.
  const maxUnits = w ? Math.max(4, Math.floor((w / room.x - 2 * PAD_X) / 6)) : WRAP_UNITS
  const est = textBox(c.label, maxUnits, PAD_X, PAD_Y, WRAP_UNITS)
  // A stored size is grown only past what the text needs with thin margins: CmapTools sizes its
  // boxes tightly around 12 px text, and those boxes should keep their size here.
  const widest = Math.max(0, ...est.lines.map(units)) * CHAR_WIDTH
  const needW = (w ? widest + 4 : est.w) * room.x
  const needH = (h ? est.lines.length * LINE_HEIGHT + 4 : est.h) * room.y
  return {
    cx: finite(c.x), cy: finite(c.y),
    w: Math.max(w ?? MIN_WIDTH, needW), h: Math.max(h ?? 0, needH),
    lines: est.lines
  }
}

export function phraseBox(label: string, at: Point): Box {
  const est = textBox(label, PHRASE_WRAP_UNITS, 3, 1)
  return { cx: at.x, cy: at.y, w: label ? est.w : 0, h: label ? est.h : 0, lines: label ? est.lines : [] }
}

/** Where the ray from the box's centre towards `toward` leaves the box. */
export function edgePoint(box: Box, toward: Point): Point {
  const dx = toward.x - box.cx
  const dy = toward.y - box.cy
  if (dx === 0 && dy === 0) return { x: box.cx, y: box.cy }
  const scale = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy))
  return scale >= 1 ? { x: box.cx, y: box.cy } : { x: box.cx + dx * scale, y: box.cy + dy * scale }
}

export interface Route {
  link: Link
  start: Point
  end: Point
  /** Quadratic control point of a bent link, or the two cubic control points of a loop. */
  curve?: { q: Point } | { c1: Point; c2: Point }
  /** Where the linking phrase sits: on the line, half way. */
  label: Point
}

/**
 * Routes every link between existing concepts. Links joining the same two concepts (either way) are
 * fanned into lanes so their phrases do not sit on top of each other; a link to itself is a loop.
 */
export function routeLinks(boxes: ReadonlyMap<string, Box>, links: readonly Link[]): Route[] {
  const lanes = new Map<string, Link[]>()
  for (const link of links) {
    if (!boxes.has(link.from) || !boxes.has(link.to)) continue
    const key = link.from < link.to ? `${link.from}\u0000${link.to}` : `${link.to}\u0000${link.from}`
    const list = lanes.get(key)
    if (list) list.push(link)
    else lanes.set(key, [link])
  }
  const routes = new Map<Link, Route>()
  for (const group of lanes.values()) {
    group.forEach((link, i) => {
      const from = boxes.get(link.from)!
      const to = boxes.get(link.to)!
      routes.set(link, link.from === link.to ? loop(link, from, i) : lane(link, from, to, (i - (group.length - 1) / 2) * LANE))
    })
  }
  // In the links' own order, so exports list them as the map does.
  return links.flatMap((l) => routes.get(l) ?? [])
}

function loop(link: Link, box: Box, i: number): Route {
  const s = 30 + 18 * i
  const start = { x: box.cx + box.w / 4, y: box.cy - box.h / 2 }
  const end = { x: box.cx + box.w / 2, y: box.cy - box.h / 4 }
  return {
    link, start, end,
    curve: { c1: { x: start.x, y: start.y - s }, c2: { x: end.x + s, y: end.y } },
    label: { x: end.x + s * 0.55, y: start.y - s * 0.55 }
  }
}

function lane(link: Link, from: Box, to: Box, offset: number): Route {
  // The perpendicular is taken from the lower id to the higher, so A→B and B→A bend apart.
  const [a, b] = link.from < link.to ? [from, to] : [to, from]
  let dx = b.cx - a.cx
  let dy = b.cy - a.cy
  const len = Math.hypot(dx, dy)
  if (len === 0) { dx = 1; dy = 0 } else { dx /= len; dy /= len }
  if (offset === 0) {
    const start = edgePoint(from, { x: to.cx, y: to.cy })
    const end = edgePoint(to, { x: from.cx, y: from.cy })
    return { link, start, end, label: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 } }
  }
  const q = { x: (from.cx + to.cx) / 2 - dy * offset * 2, y: (from.cy + to.cy) / 2 + dx * offset * 2 }
  const start = edgePoint(from, q)
  const end = edgePoint(to, q)
  return {
    link, start, end, curve: { q },
    label: { x: 0.25 * start.x + 0.5 * q.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * q.y + 0.25 * end.y }
  }
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function growBounds(b: Bounds | null, box: { cx: number; cy: number; w: number; h: number }): Bounds {
  const r = { minX: box.cx - box.w / 2, minY: box.cy - box.h / 2, maxX: box.cx + box.w / 2, maxY: box.cy + box.h / 2 }
  if (!b) return r
  return { minX: Math.min(b.minX, r.minX), minY: Math.min(b.minY, r.minY), maxX: Math.max(b.maxX, r.maxX), maxY: Math.max(b.maxY, r.maxY) }
}

/** Grid positions below the placed concepts for concepts a file gave no position. */
export function gridBelow(placed: readonly Point[], count: number): Point[] {
  // Loops, not spreads: a map may hold tens of thousands of concepts.
  let minX = placed.length ? Infinity : 100
  let baseY = placed.length ? -Infinity : -20
  for (const p of placed) {
    minX = Math.min(minX, p.x)
    baseY = Math.max(baseY, p.y)
  }
  baseY += 120
  const cols = Math.max(1, Math.ceil(Math.sqrt(count)))
  return Array.from({ length: count }, (_, i) => ({ x: minX + (i % cols) * 200, y: baseY + Math.floor(i / cols) * 80 }))
}

/** One phrase shared by several links (see shared/drawing/hubs): lines in to its centre, arrows out. */
export interface HubRoute {
  hub: Hub<Link>
  /** The phrase's box, placed clear of concepts and other phrases. */
  box: Box
  /** Source edge → phrase centre, one per source, no arrowhead. */
  ins: { from: string; start: Point; end: Point }[]
  /** Phrase centre → target edge, one per link of the hub that reaches that target, with an arrowhead. */
  outs: { to: string; start: Point; end: Point; links: Link[] }[]
}

export interface LinkLayout {
  /** Links drawn on their own, each with its phrase placed (`route.label`). */
  routes: Route[]
  hubs: HubRoute[]
}

const asRect = (b: Box): Rect => ({ x: b.cx, y: b.cy, w: b.w, h: b.h })

/**
 * Every link drawn: hubs as one phrase with several arrows, the rest as lines, and every phrase put
 * where it overlaps no concept and no phrase placed before it (hubs first: they carry the most).
 */
export function layoutLinks(boxes: ReadonlyMap<string, Box>, links: readonly Link[]): LinkLayout {
  const drawn = links.filter((l) => boxes.has(l.from) && boxes.has(l.to))
  const { hubs, single } = findHubs(drawn)
  const taken = new Occupancy()
  const concepts = new Occupancy()
  const rects = new Map<string, Rect>()
  for (const [id, b] of boxes) {
    const r = asRect(b)
    rects.set(id, r)
    taken.add(r)
    concepts.add(r)
  }

  const hubRoutes = hubs.map((hub): HubRoute => {
    const sources = hub.from.map((id) => asRect(boxes.get(id)!))
    const targets = hub.to.map((id) => asRect(boxes.get(id)!))
    const axis = hubAxis(sources, targets)
    const size = phraseBox(hub.label, axis.a)
    const at = firstFree(size, spotsAlong(axis.a, axis.b, size.h + 6, axis.fractions), taken)
    const box = phraseBox(hub.label, at)
    taken.add(asRect(box))
    const ins = hub.from.map((from) => ({ from, start: edgePoint(boxes.get(from)!, at), end: at }))
    const outs = hub.to.map((to) => ({ to, start: at, end: edgePoint(boxes.get(to)!, at), links: hub.links.filter((l) => l.to === to) }))
    return { hub, box, ins, outs }
  })

  const singles = new Set<Link>(single)
  const routes = routeLinks(boxes, drawn.filter((l) => singles.has(l)))
  for (const r of routes) {
    if (!r.link.label) continue
    const size = phraseBox(r.link.label, r.label)
    // Bent and looping links keep the spot on their curve; a straight one slides along itself.
    if (!r.curve) {
      const side = size.h + 6
      const spots = spotsAlong(r.start, r.end, side)
      const from = boxes.get(r.link.from)!
      const to = boxes.get(r.link.to)!
      const ends = new Set([rects.get(r.link.from)!, rects.get(r.link.to)!])
      // A line drawn under a concept it does not join reads as that concept's link (its phrase
      // beside it): such a link bends through its phrase put off the line, round the concept.
      const round = runsUnder(r, concepts, ends) ? roundabout(r, from, to, spots.slice(ALONG.length), size, taken, concepts, ends) : null
      if (round) Object.assign(r, round)
      else {
        r.label = firstFree(size, spots, taken)
        // Pushed well off the line (two concepts closer than the phrase is wide), the link bends
        // through its phrase, so the phrase does not float apart from its arrow.
        if (farOffLine(r.start, r.end, r.label, side)) throughLabel(r, from, to)
      }
    }
    taken.add({ x: r.label.x, y: r.label.y, w: size.w, h: size.h })
  }
  return { routes, hubs: hubRoutes }
}

/** Bends a straight route into the quadratic curve that passes through its label half way. */
function throughLabel(r: Route, from: Box, to: Box): void {
  const at = r.label
  r.start = edgePoint(from, at)
  r.end = edgePoint(to, at)
  r.curve = { q: { x: 2 * at.x - (r.start.x + r.end.x) / 2, y: 2 * at.y - (r.start.y + r.end.y) / 2 } }
}

/** Whether a route (straight, or the quadratic through its label) passes under a concept other than its ends. */
function runsUnder(r: Route, concepts: Occupancy, ends: ReadonlySet<Rect>): boolean {
  const q = r.curve && 'q' in r.curve ? r.curve.q : { x: (r.start.x + r.end.x) / 2, y: (r.start.y + r.end.y) / 2 }
  // A point every 12 units or so: no concept (40 by 27 at least) slips between two, bar a corner.
  const steps = Math.min(300, Math.max(8, Math.ceil(Math.hypot(r.end.x - r.start.x, r.end.y - r.start.y) / 12)))
  for (let i = 1; i < steps; i++) {
    const t = i / steps
    const u = 1 - t
    const x = u * u * r.start.x + 2 * u * t * q.x + t * t * r.end.x
    const y = u * u * r.start.y + 2 * u * t * q.y + t * t * r.end.y
    if (concepts.hits({ x, y, w: 0, h: 0 }, 1, ends)) return true
  }
  return false
}

/** The first free spot off the line whose bend through it clears every other concept, as that route. */
function roundabout(r: Route, from: Box, to: Box, spots: readonly Point[], size: Box, taken: Occupancy, concepts: Occupancy, ends: ReadonlySet<Rect>): Route | null {
  for (const p of spots) {
    if (taken.hits({ x: p.x, y: p.y, w: size.w, h: size.h }, 3)) continue
    const bent: Route = { ...r, label: p }
    throughLabel(bent, from, to)
    if (!runsUnder(bent, concepts, ends)) return bent
  }
  return null
}
