import { escapeXml } from '../exchange/escape-xml'
import type { Group } from '../roles'
import type { UptakeNetwork } from './report-data'

export interface NetworkNode {
  id: string
  label: string
  group: Group | null
}

export interface PlacedNode extends NetworkNode {
  x: number
  y: number
}

/** Brand and customer colours (shared with the charts); both ≥ 4.5:1 on white. */
export const GROUP_COLOURS: Record<Group, string> = { B: '#1d4ed8', U: '#b45309' }
/** The letter in a node: metrics.md's side codes are B and U, but a reader looks for Brand and Customer. */
const GROUP_INITIALS: Record<Group, string> = { B: 'B', U: 'C' }

/**
 * A circle layout: brand people on the left half, customers on the right, each side in id order, so
 * edges between the sides cross the middle. Pure and deterministic.
 */
export function circleLayout(nodes: readonly NetworkNode[], size: number): PlacedNode[] {
  const c = size / 2
  const r = size / 2 - 70
  if (nodes.length === 1) return [{ ...(nodes[0] as NetworkNode), x: c, y: c }]
  const sides = [nodes.filter((n) => n.group === 'B'), nodes.filter((n) => n.group !== 'B')]
  const out: PlacedNode[] = []
  sides.forEach((side, s) => {
    side.forEach((n, i) => {
      // left half from top to bottom (s = 0), right half from bottom to top (s = 1)
      const angle = Math.PI / 2 + s * Math.PI + (Math.PI * (i + 0.5)) / side.length
      out.push({ ...n, x: round(c + r * Math.cos(angle)), y: round(c + r * Math.sin(angle)) })
    })
  })
  return out
}

const round = (v: number) => Math.round(v * 10) / 10

/** Names longer than this are cut with an ellipsis on the chart (the edges' titles keep them whole). */
const NAME_CHARS = 28
/** A generous width of one character of the 13 px names: the chart is widened to fit them. */
const CHAR_PX = 7.6

function shownName(label: string): string {
  return label.length > NAME_CHARS ? `${label.slice(0, NAME_CHARS - 1).trimEnd()}…` : label
}

/**
 * The horizontal extent the chart needs: the circle, and each name beside its node (left of the
 * node on the left half, right of it on the right half). A long name on the left once ran off the
 * chart's left edge, where nothing showed it.
 */
export function horizontalExtent(placed: readonly PlacedNode[], size: number): { minX: number; maxX: number } {
  let minX = 0
  let maxX = size
  for (const n of placed) {
    const width = shownName(n.label).length * CHAR_PX + 4
    if (n.x >= size / 2) maxX = Math.max(maxX, n.x + 24 + width)
    else minX = Math.min(minX, n.x - 24 - width)
  }
  return { minX: Math.floor(minX), maxX: Math.ceil(maxX) }
}

/**
 * The uptake network as a standalone SVG string: people as circles coloured by group, one arrow
 * per "built on" pair, its width growing with the weight, solid for uptake across the sides and
 * dashed grey inside one side. Used by the page and by the saved report alike.
 */
export function networkSvg(network: UptakeNetwork, nodeOf: (id: string) => NetworkNode, size = 420): string {
  const placed = circleLayout(network.nodes.map(nodeOf), size)
  const at = new Map(placed.map((n) => [n.id, n]))
  const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight))
  const parts: string[] = []
  const described = network.edges.map((e) => `${nodeOf(e.from).label} built on ${nodeOf(e.to).label} ${e.weight} time${e.weight === 1 ? '' : 's'}`)
  const { minX, maxX } = horizontalExtent(placed, size)
  const title = network.edges.length === 0 ? 'Nobody built on anyone else’s ideas yet.' : `Who built on whose ideas: ${described.join('; ')}.`
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="uptake-network" viewBox="${minX} 0 ${maxX - minX} ${size}" width="${maxX - minX}" height="${size}" role="img" aria-labelledby="uptake-network-title">`,
    `<title id="uptake-network-title">${escapeXml(title)}</title>`,
    '<defs>',
    ...(['uptake', 'same'] as const).map(
      (kind) =>
        `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${kind === 'uptake' ? '#0f766e' : '#64748b'}"/></marker>`
    ),
    '</defs>'
  )
  for (const e of network.edges) {
    const a = at.get(e.from)
    const b = at.get(e.to)
    if (!a || !b) continue
    const dx = b.x - a.x
    const dy = b.y - a.y
    const len = Math.hypot(dx, dy) || 1
    // stop at the circles' rims, and bend a little so a → b and b → a do not overlap
    const ux = dx / len
    const uy = dy / len
    const x1 = round(a.x + ux * 20)
    const y1 = round(a.y + uy * 20)
    const x2 = round(b.x - ux * 22)
    const y2 = round(b.y - uy * 22)
    const mx = round((x1 + x2) / 2 - uy * 24)
    const my = round((y1 + y2) / 2 + ux * 24)
    const width = round(1.5 + (4.5 * e.weight) / maxWeight)
    const style = e.uptake ? 'stroke="#0f766e"' : 'stroke="#64748b" stroke-dasharray="5 4"'
    parts.push(
      `<path class="edge${e.uptake ? ' uptake' : ''}" d="M${x1} ${y1}Q${mx} ${my} ${x2} ${y2}" fill="none" ${style} stroke-width="${width}" marker-end="url(#arrow-${e.uptake ? 'uptake' : 'same'})"><title>${escapeXml(`${nodeOf(e.from).label} built on ${nodeOf(e.to).label}: ${e.weight}`)}</title></path>`,
      `<text x="${mx}" y="${my}" font-size="12" text-anchor="middle" fill="#0f172a">${e.weight}</text>`
    )
  }
  for (const n of placed) {
    const fill = n.group ? GROUP_COLOURS[n.group] : '#475569'
    const right = n.x >= size / 2
    parts.push(
      `<g class="node"><circle cx="${n.x}" cy="${n.y}" r="18" fill="${fill}"/>`,
      `<text x="${n.x}" y="${n.y + 4}" font-size="11" text-anchor="middle" fill="#ffffff">${n.group ? GROUP_INITIALS[n.group] : ''}</text>`,
      `<text x="${round(n.x + (right ? 24 : -24))}" y="${n.y + 4}" font-size="13" text-anchor="${right ? 'start' : 'end'}" fill="#0f172a">${escapeXml(shownName(n.label))}</text></g>`
    )
  }
  parts.push('</svg>')
  return parts.join('')
}
