import type { Concept, Link } from '../schema/board-map'
import type { ConceptShape } from '../schema/element-fields'
import { hexFromCmapColor } from './color'
import {
  ImportError, IdSpace, cleanLabel, coordinate, dimension, emptyReport, limitsWith, readInput,
  type ImportLimits, type ImportResult
} from './import-common'
import { gridBelow, type Point } from './layout'
import { child, readXml, type XmlElement } from './xml-reader'

/**
 * Reads a CmapTools CXL file. In CXL a proposition is concept → linking phrase → concept, and one
 * phrase may join several concepts on either side; each (incoming, outgoing) pair becomes a link.
 */

// Lists whose items become concepts, links and positions.
const CONTENT = ['concept-list', 'linking-phrase-list', 'connection-list', 'concept-appearance-list']
// Lists that only style or decorate the map: ignoring them loses nothing the model holds.
const PRESENTATION = new Set(['linking-phrase-appearance-list', 'connection-appearance-list', 'style-sheet-list', 'extra-graphical-properties-list'])

interface Phrase {
  label: string
  incoming: XmlElement[]
  outgoing: XmlElement[]
}

/** Items of a known list: counts children of any other name as dropped elements. */
function items(children: readonly XmlElement[], name: string, dropped: { elements: number }): XmlElement[] {
  const out: XmlElement[] = []
  for (const c of children) {
    if (c.name === name) out.push(c)
    else dropped.elements++
  }
  return out
}

/** CmapTools' own defaults: a map that keeps them looks like any board, so they are not stored. */
const CMAP_DEFAULT_FILL = '#edf4f6'
const CMAP_DEFAULT_TEXT = '#000000'

/** CXL border shapes onto the board's; shapes it cannot draw become its default, rounded. */
const SHAPES: Readonly<Record<string, ConceptShape | undefined>> = {
  rectangle: 'rectangle', '3d-rectangle': 'rectangle', oval: 'ellipse', ellipse: 'ellipse', circle: 'ellipse', diamond: 'diamond'
}

type StyleAttrs = Readonly<Record<string, string | undefined>>

/** The `_Default_` style sheet's concept style: what every concept looks like unless it says otherwise. */
function defaultConceptStyle(map: XmlElement): StyleAttrs {
  const sheets = child(map, 'style-sheet-list')
  const sheet = sheets?.children.find((s) => s.name === 'style-sheet' && s.attrs.id === '_Default_')
  return (sheet && child(sheet, 'concept-style')?.attrs) ?? {}
}

/** Fill, text colour and shape of one concept: its appearance's own attributes over the default sheet's. */
function conceptStyle(own: StyleAttrs, defaults: StyleAttrs): Pick<Concept, 'color' | 'textColor' | 'shape'> {
  const out: Pick<Concept, 'color' | 'textColor' | 'shape'> = {}
  const pick = (name: string) => own[name] ?? defaults[name]
  const fill = hexFromCmapColor(pick('background-color'))
  if (fill && fill !== CMAP_DEFAULT_FILL) out.color = fill
  const text = hexFromCmapColor(pick('font-color'))
  if (text && text !== CMAP_DEFAULT_TEXT) out.textColor = text
  const shape = SHAPES[pick('border-shape') ?? '']
  if (shape && shape !== 'rounded') out.shape = shape
  return out
}

function tooMany(what: string, limit: number): ImportError {
  return new ImportError('too-many-elements', `the file holds more than ${limit} ${what}`)
}

export function importCxl(input: string | Uint8Array, options: Partial<ImportLimits> = {}): ImportResult {
  const limits = limitsWith(options)
  const root = readXml(readInput(input, limits.maxBytes, 'xml'), limits.maxXmlElements)
  if (root.name !== 'cmap') throw new ImportError('not-cxl', `not a CXL file: the root element is <${root.name.slice(0, 40)}>, not <cmap>`)
  const map = child(root, 'map')
  if (!map) throw new ImportError('not-cxl', 'not a CXL file: it has no <map> element')
  const { dropped, repaired } = emptyReport()

  const lists = new Map<string, XmlElement[]>(CONTENT.map((name) => [name, []]))
  for (const el of map.children) {
    const known = lists.get(el.name)
    // A loop, not push(...children): spreading 100k+ arguments overflows the stack.
    if (known) for (const c of el.children) known.push(c)
    else if (!PRESENTATION.has(el.name)) dropped.elements += el.name.endsWith('-list') ? el.children.length : 1
  }
  const defaults = defaultConceptStyle(map)
  const list = (name: string, item: string) => items(lists.get(name) ?? [], item, dropped)
  const conceptEls = list('concept-list', 'concept')
  const phraseEls = list('linking-phrase-list', 'linking-phrase')
  const connectionEls = list('connection-list', 'connection')
  const appearanceEls = list('concept-appearance-list', 'concept-appearance')
  if (conceptEls.length > limits.maxConcepts) throw tooMany('concepts', limits.maxConcepts)
  if (phraseEls.length > limits.maxLinks) throw tooMany('linking phrases', limits.maxLinks)
  if (connectionEls.length > 2 * limits.maxLinks) throw tooMany('connections', 2 * limits.maxLinks)

  // CXL ids share one space across concepts, phrases and connections; ours are checked against it.
  const ids = new IdSpace()
  const concepts = new Map<string, Concept>()
  for (const el of conceptEls) {
    const cxlId = el.attrs.id
    if (!cxlId || concepts.has(cxlId)) { dropped.concepts++; continue }
    concepts.set(cxlId, { id: cxlId, label: cleanLabel(el.attrs.label, limits, repaired), x: 0, y: 0 })
  }
  const phrases = new Map<string, Phrase>()
  for (const el of phraseEls) {
    const cxlId = el.attrs.id
    if (!cxlId || concepts.has(cxlId) || phrases.has(cxlId)) { dropped.elements++; continue }
    phrases.set(cxlId, { label: cleanLabel(el.attrs.label, limits, repaired), incoming: [], outgoing: [] })
  }
  for (const c of concepts.values()) {
    if (!ids.claim(c.id)) { c.id = ids.fresh('c'); repaired.ids++ }
  }

  const direct: XmlElement[] = []
  const seen = new Set<string>()
  for (const el of connectionEls) {
    const from = el.attrs['from-id'] ?? ''
    const to = el.attrs['to-id'] ?? ''
    const key = `${from}\u0000${to}`
    if (seen.has(key)) { dropped.connections++; continue }
    seen.add(key)
    if (concepts.has(from) && phrases.has(to)) phrases.get(to)!.incoming.push(el)
    else if (phrases.has(from) && concepts.has(to)) phrases.get(from)!.outgoing.push(el)
    else if (concepts.has(from) && concepts.has(to)) direct.push(el)
    else dropped.connections++
  }

  let total = direct.length
  for (const p of phrases.values()) total += p.incoming.length * p.outgoing.length
  if (total > limits.maxLinks) throw tooMany('propositions', limits.maxLinks)

  const links: Link[] = []
  const linkId = (preferred: string | undefined, fallback: string): string => {
    if (ids.claim(preferred)) return preferred
    if (ids.claim(fallback)) return fallback
    if (preferred !== undefined) repaired.ids++
    return ids.fresh('l')
  }
  for (const [phraseId, p] of phrases) {
    if (!p.incoming.length || !p.outgoing.length) { dropped.linkingPhrases++; continue }
    p.incoming.forEach((inc, i) => p.outgoing.forEach((out, j) => {
      // One pair keeps the phrase's id; in a fan-out the connection that is unique to the pair does.
      const preferred = p.incoming.length * p.outgoing.length === 1 ? phraseId
        : p.incoming.length === 1 ? out.attrs.id
          : p.outgoing.length === 1 ? inc.attrs.id : undefined
      const from = concepts.get(inc.attrs['from-id']!)!
      const to = concepts.get(out.attrs['to-id']!)!
      links.push({ id: linkId(preferred, `${phraseId}-${i + 1}-${j + 1}`), from: from.id, to: to.id, label: p.label })
    }))
  }
  for (const el of direct) {
    const from = concepts.get(el.attrs['from-id']!)!
    const to = concepts.get(el.attrs['to-id']!)!
    links.push({ id: linkId(el.attrs.id, `${from.id}-${to.id}`), from: from.id, to: to.id, label: '' })
  }

  const placed: Point[] = []
  const unplaced: Concept[] = []
  const positioned = new Set<string>()
  for (const el of appearanceEls) {
    const c = concepts.get(el.attrs.id ?? '')
    if (!c || positioned.has(el.attrs.id!)) continue
    const x = coordinate(el.attrs.x)
    const y = coordinate(el.attrs.y)
    if (x === null || y === null) continue
    positioned.add(el.attrs.id!)
    c.x = x
    c.y = y
    placed.push({ x, y })
    for (const [key, attr] of [['w', 'width'], ['h', 'height']] as const) {
      const d = dimension(el.attrs[attr])
      if (d !== null) c[key] = d
      else if (el.attrs[attr] !== undefined) repaired.fields++
    }
    Object.assign(c, conceptStyle(el.attrs, defaults))
  }
  for (const [cxlId, c] of concepts) if (!positioned.has(cxlId)) unplaced.push(c)
  gridBelow(placed, unplaced.length).forEach((p, i) => {
    const c = unplaced[i]!
    c.x = p.x
    c.y = p.y
  })
  repaired.positions += unplaced.length

  const meta = child(root, 'res-meta')
  const metaText = (name: string) => cleanLabel(meta ? child(meta, name)?.text : '', limits, repaired, true)
  return {
    map: { title: metaText('title'), focusQuestion: metaText('description'), concepts: [...concepts.values()], links },
    creators: Object.create(null) as Record<string, never>,
    dropped,
    repaired
  }
}
