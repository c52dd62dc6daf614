import { propositions, type BoardMap, type Concept } from '../schema/board-map'
import { cmapColorFromHex, hexColor } from './color'
import { escapeXml } from './escape-xml'
import { IdSpace } from './import-common'
import { conceptBox, growBounds, phraseBox, routeLinks, type Bounds, type Box } from './layout'

/**
 * Writes a CmapTools CXL file, laid out element for element like the files CmapTools 6 writes
 * (namespaces, list order, attribute names), since CmapTools is the reader that matters.
 * Every link becomes its own linking phrase joined by two connections; fan-outs are not merged.
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
  const routes = routeLinks(boxes, links)
  const phrases = routes.map((r) => {
    const id = ids.claim(r.link.id) ? r.link.id : ids.fresh('lp')
    const inId = ids.claim(`${id}-in`) ? `${id}-in` : ids.fresh('cn')
    const outId = ids.claim(`${id}-out`) ? `${id}-out` : ids.fresh('cn')
    return { id, inId, outId, link: r.link, box: phraseBox(r.link.label, r.label) }
  })

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
  for (const p of phrases) out.push(`            <linking-phrase${attr('id', p.id)}${attr('label', p.link.label)}/>`)
  out.push('        </linking-phrase-list>', '        <connection-list>')
  for (const p of phrases) {
    out.push(`            <connection${attr('id', p.inId)}${attr('from-id', conceptIds.get(p.link.from)!)}${attr('to-id', p.id)}/>`)
    out.push(`            <connection${attr('id', p.outId)}${attr('from-id', p.id)}${attr('to-id', conceptIds.get(p.link.to)!)}/>`)
  }
  out.push('        </connection-list>', '        <concept-appearance-list>')
  for (const c of unique) {
    const b = boxes.get(c.id)!
    const color = hexColor(c.color)
    out.push(`            <concept-appearance${attr('id', conceptIds.get(c.id)!)}${attr('x', px(b.cx + dx))}${attr('y', px(b.cy + dy))}` +
      `${attr('width', size(b.w))}${attr('height', size(b.h))}${color ? attr('background-color', cmapColorFromHex(color)) : ''}/>`)
  }
  out.push('        </concept-appearance-list>', '        <linking-phrase-appearance-list>')
  for (const p of phrases) {
    out.push(`            <linking-phrase-appearance${attr('id', p.id)}${attr('x', px(p.box.cx + dx))}${attr('y', px(p.box.cy + dy))}` +
      `${attr('width', size(p.box.w))}${attr('height', size(p.box.h))}/>`)
  }
  out.push('        </linking-phrase-appearance-list>', '        <connection-appearance-list>')
  for (const p of phrases) {
    for (const id of [p.inId, p.outId]) out.push(`            <connection-appearance${attr('id', id)} from-pos="center" to-pos="center"/>`)
  }
  out.push('        </connection-appearance-list>', STYLE_SHEETS, '    </map>', '</cmap>', '')
  return out.join('\n')
}
