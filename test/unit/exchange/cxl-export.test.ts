import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportCxl } from '../../../shared/exchange/cxl-export'
import { importCxl } from '../../../shared/exchange/cxl-import'
import type { BoardMap } from '../../../shared/schema/board-map'
import { REAL_CXL, childNames, expectWellFormedXml, fixture, normalized, vocabulary } from './support'

const WHEN = { created: '2024-01-02T03:04:05Z', modified: '2024-06-07T08:09:10Z' }

const MAP: BoardMap = {
  title: 'Round & round',
  focusQuestion: 'Does a "map" survive <CXL>?',
  concepts: [
    { id: 'c1', label: 'Coffee', x: 100, y: 60, w: 80, h: 30, color: '#ffcc00' },
    { id: 'c2', label: 'Loyalty\nprogramme', x: 320, y: 60, w: 110, h: 44 },
    { id: 'c3', label: 'Café owners 😀', x: 210, y: 240, w: 120, h: 30 }
  ],
  links: [
    { id: 'l1', from: 'c1', to: 'c2', label: 'feeds' },
    { id: 'l2', from: 'c2', to: 'c1', label: 'rewards' },
    { id: 'l3', from: 'c3', to: 'c3', label: 'talk among themselves' },
    { id: 'l4', from: 'c3', to: 'c1', label: '' }
  ]
}

describe('exportCxl', () => {
  it('round-trips a map through importCxl unchanged', () => {
    const r = importCxl(exportCxl(MAP, WHEN))
    expect(normalized(r.map)).toEqual(normalized(MAP))
    expect(r.dropped).toEqual({ concepts: 0, links: 0, connections: 0, linkingPhrases: 0, elements: 0 })
  })

  it('re-exports the real CmapTools file so that it imports equal', () => {
    const first = importCxl(readFileSync(REAL_CXL, 'utf8'))
    const again = importCxl(exportCxl(first.map, WHEN))
    expect(normalized(again.map)).toEqual(normalized(first.map))
  })

  it('re-exports each hand-written fixture so that it imports equal', () => {
    for (const name of ['fan-out', 'dangling-connection', 'unknown-elements', 'missing-appearance']) {
      const first = importCxl(fixture(`cxl/${name}.cxl`)).map
      // Re-import keeps sizes the export estimated for concepts that had none.
      const again = importCxl(exportCxl(first, WHEN)).map
      const bare = (m: BoardMap) => normalized({ ...m, concepts: m.concepts.map(({ w: _w, h: _h, ...c }) => c) })
      expect(bare(again)).toEqual(bare(first))
    }
  })

  it('mirrors the structure of a CmapTools file: namespaces, element and attribute names, list order', () => {
    const real = readFileSync(REAL_CXL, 'utf8')
    const ours = exportCxl(MAP, WHEN)
    expectWellFormedXml(ours)
    const rootOf = (xml: string) => /<cmap [^>]*>/.exec(xml)?.[0]
    expect(rootOf(ours)).toBe(rootOf(real))
    const theirs = vocabulary(real)
    // The issue asks for the focus question in dc:description, which this CmapTools file lacks;
    // a concept's own colour is an appearance attribute CmapTools writes when a concept is restyled.
    const extra = new Map([['dc:description', new Set<string>()], ['concept-appearance', new Set(['background-color'])]])
    for (const [name, attrs] of vocabulary(ours)) {
      expect(theirs.has(name) || extra.has(name), `element ${name}`).toBe(true)
      for (const a of attrs) expect(theirs.get(name)?.has(a) || extra.get(name)?.has(a), `${name}@${a}`).toBe(true)
    }
    // Every list we write is one CmapTools writes, in CmapTools' order.
    const realOrder = childNames(real, 'map').filter((n) => childNames(ours, 'map').includes(n))
    expect(childNames(ours, 'map')).toEqual(realOrder)
    expect(childNames(ours, 'res-meta').slice(0, 3)).toEqual(['dc:title', 'dc:description', 'dc:creator'])
  })

  it('writes res-meta: title, focus question, creator and W3C dates', () => {
    const xml = exportCxl(MAP, { ...WHEN, creator: 'Ana <facilitator>' })
    expect(xml).toContain('<dc:title>Round &amp; round</dc:title>')
    expect(xml).toContain('<dc:description>Does a &quot;map&quot; survive &lt;CXL&gt;?</dc:description>')
    expect(xml).toContain('<vcard:FN>Ana &lt;facilitator&gt;</vcard:FN>')
    expect(xml).toContain('<dcterms:created>2024-01-02T03:04:05+00:00</dcterms:created>')
    expect(xml).toContain('<dcterms:modified>2024-06-07T08:09:10+00:00</dcterms:modified>')
    expect(exportCxl(MAP, WHEN)).toBe(exportCxl(MAP, WHEN))
  })

  it('writes each link as concept → linking phrase → concept with centre positions in whole pixels', () => {
    const xml = exportCxl(MAP, WHEN)
    expect(xml).toContain('<connection id="l1-in" from-id="c1" to-id="l1"/>')
    expect(xml).toContain('<connection id="l1-out" from-id="l1" to-id="c2"/>')
    expect(xml).toContain('<concept-appearance id="c1" x="100" y="60" width="80" height="30" background-color="255,204,0,255"/>')
    expect(xml).toMatch(/<linking-phrase-appearance id="l1" x="\d+" y="\d+" width="\d+" height="\d+"\/>/)
    expect(xml).not.toMatch(/ (x|y|width|height)="-?\d+\.\d+"/)
  })

  it('shifts a board that reaches into negative coordinates, and leaves others where they are', () => {
    const map: BoardMap = { ...MAP, concepts: MAP.concepts.map((c) => ({ ...c, x: c.x - 500, y: c.y - 500 })) }
    const back = importCxl(exportCxl(map, WHEN)).map
    for (const c of back.concepts) {
      expect(c.x - c.w! / 2).toBeGreaterThanOrEqual(0)
      expect(c.y - c.h! / 2).toBeGreaterThanOrEqual(0)
    }
    const dx = back.concepts[1]!.x - back.concepts[0]!.x
    expect(dx).toBe(MAP.concepts[1]!.x - MAP.concepts[0]!.x)
  })

  it('keeps ids unique across concepts, phrases and connections even when the board reuses one', () => {
    const map: BoardMap = {
      title: '', focusQuestion: '',
      concepts: [{ id: 'x', label: 'A', x: 50, y: 50 }, { id: 'x-in', label: 'B', x: 200, y: 50 }, { id: 'bad id', label: 'C', x: 50, y: 200 }],
      links: [{ id: 'x', from: 'x', to: 'x-in', label: 'same id as a concept' }, { id: 'y', from: 'bad id', to: 'x', label: 'from a bad id' }]
    }
    const xml = exportCxl(map, WHEN)
    const ids = [...xml.matchAll(/<(?:concept|linking-phrase|connection) id="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    const back = importCxl(xml)
    expect(back.dropped.connections).toBe(0)
    expect(back.map.links.map((l) => l.label).sort()).toEqual(['from a bad id', 'same id as a concept'])
  })

  it('exports an empty map as a valid CXL that imports empty', () => {
    const xml = exportCxl({ title: '', focusQuestion: '', concepts: [], links: [] }, WHEN)
    expectWellFormedXml(xml)
    expect(importCxl(xml).map).toEqual({ title: '', focusQuestion: '', concepts: [], links: [] })
  })
})
