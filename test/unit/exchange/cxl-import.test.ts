import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { propositions } from '../../../shared/schema/board-map'
import { REAL_CXL, fixture } from './support'

const label = (map: ReturnType<typeof importCxl>['map'], id: string) => map.concepts.find((c) => c.id === id)?.label
const triples = (result: ReturnType<typeof importCxl>) =>
  result.map.links.map((l) => `${label(result.map, l.from)} | ${l.label} | ${label(result.map, l.to)}`).sort()

describe('importCxl on the real CmapTools 6.04 file', () => {
  const result = importCxl(readFileSync(REAL_CXL, 'utf8'))

  it('reads 10 concepts and expands 6 linking phrases into 11 propositions', () => {
    expect(result.map.concepts).toHaveLength(10)
    expect(result.map.links).toHaveLength(11)
    expect(propositions(result.map)).toHaveLength(11)
    expect(triples(result)).toEqual([
      'Entrepreneurial Mindset | involves | alfa',
      'Entrepreneurial Mindset | involves | beta',
      'Entrepreneurial Mindset | involves | charlie',
      'alfa | for working on | delta',
      'alfa | for working on | echoe',
      'charlie | that support with | foxtrot',
      'delta | based on | golf',
      'echoe | based on | golf',
      'foxtrot | for the creation of | delta',
      'foxtrot | for the creation of | hotel',
      'golf | that provide | iris'
    ])
  })

  it('keeps CmapTools ids, centre positions and sizes', () => {
    const mindset = result.map.concepts.find((c) => c.label === 'Entrepreneurial Mindset')
    expect(mindset).toEqual({ id: '1Z1L478SW-21MRG9S-9G', label: 'Entrepreneurial Mindset', x: 553, y: 109, w: 160, h: 28 })
    // Positions past the declared map size (636 × 546) are kept, not clipped.
    expect(result.map.concepts.find((c) => c.label === 'charlie')).toMatchObject({ x: 748, y: 191 })
    expect(result.map.concepts.find((c) => c.label === 'iris')).toMatchObject({ x: 378, y: 626 })
  })

  it('takes the title from dc:title, an absent dc:description as an empty focus question, and drops nothing', () => {
    expect(result.map.title).toBe('Cmap_No_categories')
    expect(result.map.focusQuestion).toBe('')
    expect(result.dropped).toEqual({ concepts: 0, links: 0, connections: 0, linkingPhrases: 0, elements: 0 })
    expect(result.repaired).toEqual({ ids: 0, labels: 0, positions: 0, fields: 0 })
  })

  it('reads the same file given as bytes', () => {
    expect(importCxl(readFileSync(REAL_CXL))).toEqual(result)
  })
})

describe('importCxl on hand-written fixtures', () => {
  it('expands fan-out and fan-in into one link per (incoming, outgoing) pair', () => {
    const r = importCxl(fixture('cxl/fan-out.cxl'))
    expect(r.map.links).toHaveLength(9)
    expect(triples(r)).toEqual([
      'Café closures | relate to | Premiums',
      'Café closures | relate to | Rain & wind',
      'Erosion | feed | Insurance "claims"',
      'Floods\ndownstream | feed | Insurance "claims"',
      'Insurance "claims" | relate to | Premiums',
      'Insurance "claims" | relate to | Rain & wind',
      'Rain & wind | causes | Café closures',
      'Rain & wind | causes | Erosion',
      'Rain & wind | causes | Floods\ndownstream'
    ])
    // Link ids are unique and come from the file where a pair has one of its own.
    expect(new Set(r.map.links.map((l) => l.id)).size).toBe(9)
    expect(r.map.links.map((l) => l.id)).toEqual(expect.arrayContaining(['k2', 'k3', 'k4', 'k5', 'k6']))
  })

  it('decodes entities in title, focus question and labels, and reads an appearance colour', () => {
    const r = importCxl(fixture('cxl/fan-out.cxl'))
    expect(r.map.title).toBe('Fan-out & fan-in')
    expect(r.map.focusQuestion).toBe('How do <causes> spread?')
    expect(r.map.concepts.find((c) => c.id === 'cB')).toEqual({ id: 'cB', label: 'Floods\ndownstream', x: 200, y: 200, w: 90, h: 40, color: '#ffcc00' })
  })

  it('drops dangling, phrase-to-phrase and duplicate connections and phrases without both ends, and counts them', () => {
    const r = importCxl(fixture('cxl/dangling-connection.cxl'))
    expect(r.map.links).toEqual([
      { id: 'p1', from: 'a', to: 'b', label: 'leads to' },
      // A direct concept-to-concept connection is a link without a phrase.
      { id: 'k8', from: 'a', to: 'c', label: '' }
    ])
    expect(r.dropped).toMatchObject({ connections: 5, linkingPhrases: 1 })
    expect(r.map.concepts).toHaveLength(3)
  })

  it('drops elements a board has no place for, and counts them', () => {
    const r = importCxl(fixture('cxl/unknown-elements.cxl'))
    expect(r.map.concepts.map((c) => c.label)).toEqual(['Alpha', 'Beta'])
    expect(r.map.links).toEqual([{ id: 'p1', from: 'a', to: 'b', label: 'knows' }])
    // <image> in the concept list, 2 resource groups, 1 image, <sticky-note>, <constructor>.
    expect(r.dropped.elements).toBe(6)
    // The connection to the resource group.
    expect(r.dropped.connections).toBe(1)
  })

  it('places concepts without a usable appearance below the others and re-ids unusable ids', () => {
    const r = importCxl(fixture('cxl/missing-appearance.cxl'))
    expect(r.map.title).toBe('')
    const placed = r.map.concepts.find((c) => c.id === 'placed')!
    expect(placed).toMatchObject({ x: 150, y: 80, w: 70, h: 25 })
    for (const id of ['floating', 'broken']) {
      const c = r.map.concepts.find((c) => c.id === id)!
      expect(c.y).toBeGreaterThan(placed.y + 50)
      expect(Number.isFinite(c.x)).toBe(true)
    }
    const odd = r.map.concepts.find((c) => c.label === 'Odd id')!
    expect(odd.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(odd).toMatchObject({ x: 300, y: 80, h: 25 })
    expect(odd.w).toBeUndefined()
    expect(r.map.links.map((l) => [l.from, l.to])).toEqual([['placed', 'floating'], [odd.id, 'floating']])
    expect(r.repaired).toEqual({ ids: 1, labels: 0, positions: 2, fields: 1 })
  })

  it('cuts over-long labels to the limit and counts them', () => {
    const long = 'x'.repeat(50)
    const xml = `<cmap><map><concept-list><concept id="a" label="${long}"/></concept-list></map></cmap>`
    const r = importCxl(xml, { maxLabelLength: 10 })
    expect(r.map.concepts[0]!.label).toBe('x'.repeat(10))
    expect(r.repaired.labels).toBe(1)
  })

  it('keeps an undeclared entity reference as text rather than expanding anything', () => {
    const r = importCxl('<cmap><map><concept-list><concept id="a" label="&xxe; &amp;amp; &#60;b&#x3E;"/></concept-list></map></cmap>')
    expect(r.map.concepts[0]!.label).toBe('&xxe; &amp; <b>')
  })
})
