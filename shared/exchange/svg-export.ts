import type { Group } from '../roles'
import { propositions, type BoardMap } from '../schema/board-map'
import { GROUP_COLORS, GROUP_NAMES, creatorGroup, hexColor, readableText } from './color'
import { escapeXml } from './escape-xml'
import {
  CHAR_WIDTH, FONT_SIZE, LINE_HEIGHT, conceptBox, growBounds, layoutLinks, phraseBox, units, wrapText,
  type Bounds, type Box, type Route
} from './layout'

/**
 * A standalone SVG of the board. The server renders PNG from it with resvg, so it keeps to what
 * resvg draws: shapes, markers, plain text with presentation attributes; no CSS, no foreignObject,
 * no external references, a generic font family.
 */

export interface SvgExportOptions {
  /** Creator's group by element id; used only when `groupColors` is on. */
  creators?: Readonly<Record<string, Group>>
  /** Outline concepts and colour links by their creator's group, with a legend. */
  groupColors?: boolean
  /** Title and focus question above the map; default true. */
  heading?: boolean
}

const PADDING = 24
const INK = '#1f2328'
const CONCEPT_FILL = '#edf4f6'
const LINK_INK = '#57606a'
const TITLE_SIZE = 16
const TITLE_LINE = 20

/** Numbers as SVG wants them: finite, short, never in exponent notation. */
function n(value: number): string {
  if (!Number.isFinite(value)) return '0'
  const r = Math.round(value * 100) / 100
  return Math.abs(r) < 1e-9 ? '0' : String(r)
}

function textLines(lines: readonly string[], cx: number, cy: number, attrs: string, lineHeight = LINE_HEIGHT): string {
  // Baselines centred on cy; 0.35em lifts a line's baseline to put its middle on the centre.
  const top = cy - ((lines.length - 1) * lineHeight) / 2 + FONT_SIZE * 0.35
  const spans = lines.map((line, i) => `<tspan x="${n(cx)}" y="${n(top + i * lineHeight)}">${escapeXml(line)}</tspan>`)
  return `<text text-anchor="middle"${attrs}>${spans.join('')}</text>`
}

function pathOf(r: Route): string {
  const { start: s, end: e } = r
  if (!r.curve) return `M${n(s.x)} ${n(s.y)}L${n(e.x)} ${n(e.y)}`
  if ('q' in r.curve) return `M${n(s.x)} ${n(s.y)}Q${n(r.curve.q.x)} ${n(r.curve.q.y)} ${n(e.x)} ${n(e.y)}`
  const { c1, c2 } = r.curve
  return `M${n(s.x)} ${n(s.y)}C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(e.x)} ${n(e.y)}`
}

function marker(id: string, color: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">` +
    `<path d="M0 0L10 5L0 10z" fill="${color}"/></marker>`
}

/** A concept's outline in its shape (see CONCEPT_SHAPES); anything unknown is the rounded box. */
function outline(shape: unknown, b: Box, paint: string): string {
  if (shape === 'ellipse') return `<ellipse cx="${n(b.cx)}" cy="${n(b.cy)}" rx="${n(b.w / 2)}" ry="${n(b.h / 2)}" ${paint}/>`
  if (shape === 'diamond') {
    const pts = [[b.cx, b.cy - b.h / 2], [b.cx + b.w / 2, b.cy], [b.cx, b.cy + b.h / 2], [b.cx - b.w / 2, b.cy]]
    return `<polygon points="${pts.map(([x, y]) => `${n(x!)},${n(y!)}`).join(' ')}" ${paint}/>`
  }
  const r = shape === 'rectangle' ? 0 : 8
  return `<rect x="${n(b.cx - b.w / 2)}" y="${n(b.cy - b.h / 2)}" width="${n(b.w)}" height="${n(b.h)}" rx="${r}" ry="${r}" ${paint}/>`
}

interface Block {
  parts: string[]
  height: number
  width: number
}

/** Title and focus question, ending `PADDING` above the map. */
function heading(map: BoardMap, x: number, bottom: number): Block {
  const title = map.title ? wrapText(map.title, 60) : []
  const question = map.focusQuestion ? wrapText(map.focusQuestion, 90) : []
  const gap = title.length && question.length ? 6 : 0
  const height = title.length * TITLE_LINE + gap + question.length * LINE_HEIGHT
  const parts: string[] = []
  let y = bottom - height
  const spans = (lines: string[], lineHeight: number) =>
    lines.map((l, i) => `<tspan x="${n(x)}" y="${n(y + (i + 0.8) * lineHeight)}">${escapeXml(l)}</tspan>`).join('')
  if (title.length) parts.push(`<text font-size="${TITLE_SIZE}" font-weight="bold" fill="${INK}">${spans(title, TITLE_LINE)}</text>`)
  y += title.length * TITLE_LINE + gap
  if (question.length) parts.push(`<text font-style="italic" fill="${LINK_INK}">${spans(question, LINE_HEIGHT)}</text>`)
  const widest = (lines: string[]) => Math.max(0, ...lines.map(units)) * CHAR_WIDTH
  return { parts, height, width: Math.max(widest(title) * (TITLE_SIZE / FONT_SIZE), widest(question)) }
}

/** A swatch and a name for each group drawn, in a row below the map. */
function legendOf(used: ReadonlySet<Group>, x: number, y: number): Block {
  const parts: string[] = []
  let lx = x
  for (const g of (['B', 'U'] as const).filter((g) => used.has(g))) {
    parts.push(`<rect x="${n(lx)}" y="${n(y)}" width="12" height="12" rx="2" fill="${GROUP_COLORS[g]}"/>`)
    parts.push(`<text x="${n(lx + 18)}" y="${n(y + 10)}" fill="${INK}">${GROUP_NAMES[g]}</text>`)
    lx += 100
  }
  return { parts, height: parts.length ? 12 + PADDING / 2 : 0, width: lx - x }
}

export function exportSvg(map: BoardMap, options: SvgExportOptions = {}): string {
  const groupOf = (id: string) => (options.groupColors ? creatorGroup(options.creators, id) : null)
  const boxes = new Map<string, Box>()
  for (const c of map.concepts) if (!boxes.has(c.id)) boxes.set(c.id, conceptBox(c))
  const { routes, hubs } = layoutLinks(boxes, propositions(map))
  const phrases = routes.map((r) => phraseBox(r.link.label, r.label))

  let bounds: Bounds | null = null
  for (const b of boxes.values()) bounds = growBounds(bounds, b)
  for (const p of phrases) bounds = growBounds(bounds, p)
  for (const h of hubs) bounds = growBounds(bounds, h.box)
  for (const r of routes) {
    if (r.curve && 'c1' in r.curve) for (const p of [r.curve.c1, r.curve.c2]) bounds = growBounds(bounds, { cx: p.x, cy: p.y, w: 0, h: 0 })
  }
  const body = bounds ?? { minX: 0, minY: 0, maxX: 200, maxY: 60 }

  const used = new Set<Group>()
  const lineParts: string[] = []
  const phraseParts: string[] = []
  const phraseOf = (p: Box) => {
    if (!p.lines.length) return
    phraseParts.push(`<rect x="${n(p.cx - p.w / 2)}" y="${n(p.cy - p.h / 2)}" width="${n(p.w)}" height="${n(p.h)}" fill="#ffffff" fill-opacity="0.85"/>`)
    phraseParts.push(textLines(p.lines, p.cx, p.cy, ` fill="${INK}"`))
  }
  for (const h of hubs) {
    // Lines into the phrase carry no arrowhead: the proposition reads on through the phrase.
    for (const seg of h.ins) lineParts.push(`<path d="M${n(seg.start.x)} ${n(seg.start.y)}L${n(seg.end.x)} ${n(seg.end.y)}" fill="none" stroke="${LINK_INK}" stroke-width="1.5"/>`)
    for (const seg of h.outs) {
      const g = groupOf(seg.links[0]!.id)
      if (g) used.add(g)
      lineParts.push(`<path d="M${n(seg.start.x)} ${n(seg.start.y)}L${n(seg.end.x)} ${n(seg.end.y)}" fill="none" stroke="${g ? GROUP_COLORS[g] : LINK_INK}" ` +
        `stroke-width="1.5" marker-end="url(#cg-arrow${g ? `-${g}` : ''})"/>`)
    }
    phraseOf(h.box)
  }
  routes.forEach((r, i) => {
    const g = groupOf(r.link.id)
    if (g) used.add(g)
    const stroke = g ? GROUP_COLORS[g] : LINK_INK
    lineParts.push(`<path d="${pathOf(r)}" fill="none" stroke="${stroke}" stroke-width="1.5" marker-end="url(#cg-arrow${g ? `-${g}` : ''})"/>`)
    phraseOf(phrases[i]!)
  })

  const conceptParts: string[] = []
  for (const c of map.concepts) {
    const b = boxes.get(c.id)
    if (!b) continue
    boxes.delete(c.id) // a duplicated id is drawn once
    const fill = hexColor(c.color) ?? CONCEPT_FILL
    const g = groupOf(c.id)
    if (g) used.add(g)
    conceptParts.push(outline(c.shape, b, `fill="${fill}" stroke="${g ? GROUP_COLORS[g] : INK}" stroke-width="${g ? 2.5 : 1}"`))
    conceptParts.push(textLines(b.lines, b.cx, b.cy, ` fill="${readableText(fill, c.textColor)}"`))
  }

  // The heading and legend sit outside the map's own bounds, above and below it.
  const head = options.heading === false ? { parts: [], height: 0, width: 0 } : heading(map, body.minX, body.minY - PADDING)
  const top = body.minY - (head.height ? head.height + PADDING : 0)
  const legend = legendOf(used, body.minX, body.maxY + PADDING)
  const view = {
    x: body.minX - PADDING,
    y: top - PADDING,
    w: Math.max(body.maxX - body.minX, head.width, legend.width) + 2 * PADDING,
    h: body.maxY - top + legend.height + 2 * PADDING
  }
  const w = Math.ceil(view.w)
  const h = Math.ceil(view.h)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}" height="${h}" viewBox="${n(view.x)} ${n(view.y)} ${w} ${h}" ` +
      `font-family="sans-serif" font-size="${FONT_SIZE}">`,
    `<title>${escapeXml(map.title || 'Concept map')}</title>`,
    ...(map.focusQuestion ? [`<desc>${escapeXml(map.focusQuestion)}</desc>`] : []),
    `<defs>${marker('cg-arrow', LINK_INK)}${marker('cg-arrow-B', GROUP_COLORS.B)}${marker('cg-arrow-U', GROUP_COLORS.U)}</defs>`,
    `<rect x="${n(view.x)}" y="${n(view.y)}" width="${w}" height="${h}" fill="#ffffff"/>`,
    ...head.parts,
    // Lines first, then every phrase over them, then concepts over both.
    `<g>${lineParts.join('')}</g>`,
    `<g>${phraseParts.join('')}</g>`,
    `<g>${conceptParts.join('')}</g>`,
    ...legend.parts,
    '</svg>',
    ''
  ].join('\n')
}
