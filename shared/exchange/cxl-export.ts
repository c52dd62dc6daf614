import { propositions, type BoardMap, type Concept } from '../schema/board-map'
import { cmapColorFromHex, hexColor } from './color'
import { escapeXml } from './escape-xml'
import { IdSpace } from './import-common'
import { conceptBox, growBounds, layoutLinks, phraseBox, type Bounds, type Box } from './layout'

/**
 * Writes a CmapTools CXL file, laid out element for element like the files CmapTools 6 writes
 * (namespaces, list order, attribute names), since CmapTools is the reader that matters.
 * A hub (links sharing a phrase between the same sources and targets, see shared/drawing/hubs) is
 * written as one linking phrase with a connection per source and per target, as CmapTools keeps it;
 * any other link becomes its own linking phrase joined by two connections.
 */

export interface CxlExportOptions {
  /** `dc:creator` (vcard:FN); default "Common Ground". */
  creator?: string
  /** `dcterms:created`; default `modified`. */
  created?: Date | number | string
  /** `dcterms:modified`; default now — pass it for byte-identical output. */
  modified?: Date | number | string
  /** `dc:language`; default "en". */
  language?: string
}

const NAMESPACES = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns="http://cmap.ihmc.us/xml/cmap/" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:vcard="http://www.w3.org/2001/vcard-rdf/3.0#"'

// The default style sheet of CmapTools 6.04, as it writes it: concepts as rounded boxes, phrases bare.
const STYLE_SHEETS = `        <style-sheet-list>
            <style-sheet id="_Default_">
                <map-style background-color="255,255,255,0"/>
                <concept-style font-name="Verdana" font-size="12" font-style="plain" font-color="0,0,0,255" text-margin="4" background-color="237,244,246,255" background-image-style="full" border-color="0,0,0,255" border-style="solid" border-thickness="1"
                    border-shape="rounded-rectangle" border-shape-rrarc="15.0" text-alignment="center" shadow-color="none" min-width="-1" min-height="-1" max-width="-1.0"/>
                <linking-phrase-style font-name="Verdana" font-size="12" font-style="plain" font-color="0,0,0,255" text-margin="1" background-color="0,0,255,0" background-image-style="full" border-color="0,0,0,0" border-style="solid" border-thickness="1"
                    border-shape="rectangle" border-shape-rrarc="15.0" text-alignment="center" shadow-color="none"/>
                <connection-style color="0,0,0,255" style="solid" thickness="1" type="straight" arrowhead="if-to-concept-and-slopes-up"/>
                <resource-style font-name="SanSerif" font-size="12" font-style="plain" font-color="0,0,0,255" background-color="192,192,192,255"/>
            </style-sheet>
        </style-sheet-list>`

/** The board's shapes in CmapTools' words; rounded is the style sheet's default, so it is not written. */
const BORDER_SHAPES: Readonly<Record<string, string | undefined>> = { rectangle: 'rectangle', ellipse: 'oval', diamond: 'diamond' }

/** Keeps clear of the top-left corner when the board reaches into negative coordinates. */
const MARGIN = 20

function toDate(value: Date | number | string | undefined): Date | null {
  if (value === undefined) return null
  const d = value instanceof Date ? value : new Date(value)
  return Number.isFinite(d.getTime()) ? d : null
}

/** W3C date-time without milliseconds and with a numeric offset, as CmapTools writes it. */
function w3cDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`
}

const attr = (name: string, value: string | number) => ` ${name}="${typeof value === 'number' ? value : escapeXml(value)}"`

export function exportCxl(map: BoardMap, options: CxlExportOptions = {}): string {
  const modified = toDate(options.modified) ?? new Date()
  const created = toDate(options.created) ?? modified
  const links = propositions(map)

  // CXL ids are one space for concepts, phrases and connections; ours are kept wherever they fit.
  const ids = new IdSpace()
  const conceptIds = new Map<string, string>()
  const boxes = new Map<string, Box>()
  const unique: Concept[] = []
  for (const c of map.concepts) {
    if (conceptIds.has(c.id)) continue
    conceptIds.set(c.id, ids.claim(c.id) ? c.id : ids.fresh('c'))
    boxes.set(c.id, conceptBox(c))
    unique.push(c)
  }
  const { routes, hubs } = layoutLinks(boxes, links)
  const connectionId = (wanted: string) => (ids.claim(wanted) ? wanted : ids.fresh('cn'))
  interface Phrase { id: string; label: string; box: Box; ins: { id: string; from: string }[]; outs: { id: string; to: string }[] }
  // Ids are chosen so that importCxl gives every link its id back: a lone link's phrase carries the
  // link's id; in a fan the connection unique to each link does; a many-to-many phrase carries the
  // prefix importCxl numbers its links from. Those are claimed first, the rest made up after.
  const later: (() => void)[] = []
  const phrases: Phrase[] = []
  for (const h of hubs) {
    const { from, to, links: members } = h.hub
    const linkTo = (target: string) => members.find((l) => l.to === target)!.id
    const linkFrom = (source: string) => members.find((l) => l.from === source)!.id
    const prefix = from.length > 1 && to.length > 1 ? /^(.+)-1-1$/.exec(h.hub.id)?.[1] : undefined
    const p: Phrase = { id: '', label: h.hub.label, box: h.box, ins: [], outs: [] }
    if (prefix && ids.claim(prefix)) p.id = prefix
    else later.push(() => { p.id = ids.fresh('lp') })
    from.forEach((source, i) => {
      const c = { id: '', from: source }
      p.ins.push(c)
      if (to.length === 1 && ids.claim(linkFrom(source))) c.id = linkFrom(source)
      else later.push(() => { c.id = connectionId(`${p.id}-in${i + 1}`) })
    })
    to.forEach((target, i) => {
      const c = { id: '', to: target }
      p.outs.push(c)
      if (from.length === 1 && ids.claim(linkTo(target))) c.id = linkTo(target)
      else later.push(() => { c.id = connectionId(`${p.id}-out${i + 1}`) })
    })
    phrases.push(p)
  }
  for (const r of routes) {
    const p: Phrase = { id: '', label: r.link.label, box: phraseBox(r.link.label, r.label), ins: [], outs: [] }
    if (ids.claim(r.link.id)) p.id = r.link.id
    else later.push(() => { p.id = ids.fresh('lp') })
    later.push(() => {
      p.ins.push({ id: connectionId(`${p.id}-in`), from: r.link.from })
      p.outs.push({ id: connectionId(`${p.id}-out`), to: r.link.to })
    })
    phrases.push(p)
  }
  for (const f of later) f()

  let bounds: Bounds | null = null
  for (const b of boxes.values()) bounds = growBounds(bounds, b)
  for (const p of phrases) bounds = growBounds(bounds, p.box)
  const dx = bounds && bounds.minX < 0 ? MARGIN - bounds.minX : 0
  const dy = bounds && bounds.minY < 0 ? MARGIN - bounds.minY : 0
  const width = Math.max(1, Math.ceil((bounds?.maxX ?? 0) + dx + MARGIN))
  const height = Math.max(1, Math.ceil((bounds?.maxY ?? 0) + dy + MARGIN))
  // CmapTools stores whole pixels.
  const px = (n: number) => Math.round(n)
  const size = (n: number) => Math.max(1, Math.round(n))

  const out: string[] = []
  out.push('<?xml version="1.0" encoding="UTF-8"?>', `<cmap ${NAMESPACES}>`, '    <res-meta>')
  out.push(`        <dc:title>${escapeXml(map.title)}</dc:title>`)
  if (map.focusQuestion) out.push(`        <dc:description>${escapeXml(map.focusQuestion)}</dc:description>`)
  out.push('        <dc:creator>', `            <vcard:FN>${escapeXml(options.creator ?? 'Common Ground')}</vcard:FN>`, '        </dc:creator>')
  out.push(`        <dcterms:created>${w3cDate(created)}</dcterms:created>`, `        <dcterms:modified>${w3cDate(modified)}</dcterms:modified>`)
  out.push(`        <dc:language>${escapeXml(options.language ?? 'en')}</dc:language>`, '        <dc:format>x-cmap/x-storable</dc:format>')
  out.push('        <dc:publisher>Common Ground</dc:publisher>', '    </res-meta>', `    <map${attr('width', width)}${attr('height', height)}>`)

  out.push('        <concept-list>')
  for (const c of unique) out.push(`            <concept${attr('id', conceptIds.get(c.id)!)}${attr('label', c.label)}/>`)
  out.push('        </concept-list>', '        <linking-phrase-list>')
  for (const p of phrases) out.push(`            <linking-phrase${attr('id', p.id)}${attr('label', p.label)}/>`)
  out.push('        </linking-phrase-list>', '        <connection-list>')
  for (const p of phrases) {
    for (const c of p.ins) out.push(`            <connection${attr('id', c.id)}${attr('from-id', conceptIds.get(c.from)!)}${attr('to-id', p.id)}/>`)
    for (const c of p.outs) out.push(`            <connection${attr('id', c.id)}${attr('from-id', p.id)}${attr('to-id', conceptIds.get(c.to)!)}/>`)
  }
  out.push('        </connection-list>', '        <concept-appearance-list>')
  for (const c of unique) {
    const b = boxes.get(c.id)!
    const color = hexColor(c.color)
    const text = hexColor(c.textColor)
    const shape = typeof c.shape === 'string' ? BORDER_SHAPES[c.shape] : undefined
    out.push(`            <concept-appearance${attr('id', conceptIds.get(c.id)!)}${attr('x', px(b.cx + dx))}${attr('y', px(b.cy + dy))}` +
      `${attr('width', size(c.w ?? b.w))}${attr('height', size(c.h ?? b.h))}${color ? attr('background-color', cmapColorFromHex(color)) : ''}` +
      `${text ? attr('font-color', cmapColorFromHex(text)) : ''}${shape ? attr('border-shape', shape) : ''}/>`)
  }
  out.push('        </concept-appearance-list>', '        <linking-phrase-appearance-list>')
  for (const p of phrases) {
    out.push(`            <linking-phrase-appearance${attr('id', p.id)}${attr('x', px(p.box.cx + dx))}${attr('y', px(p.box.cy + dy))}` +
      `${attr('width', size(p.box.w))}${attr('height', size(p.box.h))}/>`)
  }
  out.push('        </linking-phrase-appearance-list>', '        <connection-appearance-list>')
  for (const p of phrases) {
    for (const { id } of [...p.ins, ...p.outs]) out.push(`            <connection-appearance${attr('id', id)} from-pos="center" to-pos="center"/>`)
  }
  out.push('        </connection-appearance-list>', STYLE_SHEETS, '    </map>', '</cmap>', '')
  return out.join('\n')
}
