import { describe, expect, it } from 'vitest'
import { areaFor, CULL_FROM, EVERYWHERE, inArea } from '../../../client/board/canvas-cull'
import type { CachedGeometry } from '../../../client/board/link-layout'
import type { Concept, Link } from '../../../shared/schema/board-map'

// The drawn area: the screen and `margin` screens around it (none for the first screen, half a
// screen after: DrawnArea); kept while it covers the screen; the whole map below CULL_FROM.
describe('areaFor', () => {
  const size = { w: 400, h: 800 }
  const at100 = { x: 0, y: 0, zoom: 1 }
  // -0 and 0 are the same edge.
  const plain = (a: object) => JSON.parse(JSON.stringify(a)) as object

  it('draws the screen alone with no margin, and half a screen on each side by default', () => {
    expect(plain(areaFor(EVERYWHERE, CULL_FROM, at100, size, true, 0))).toEqual({ minX: 0, minY: 0, maxX: 400, maxY: 800 })
    expect(plain(areaFor(EVERYWHERE, CULL_FROM, at100, size, true))).toEqual({ minX: -200, minY: -400, maxX: 600, maxY: 1200 })
    // At 50 %, panned: the screen is 800 × 1600 map units from (-100, -50).
    expect(plain(areaFor(EVERYWHERE, CULL_FROM, { x: 50, y: 25, zoom: 0.5 }, size, true, 0))).toEqual({ minX: -100, minY: -50, maxX: 700, maxY: 1550 })
  })

  it('keeps the area while it covers the screen, so a grown margin stays until the view leaves it', () => {
    const grown = areaFor(EVERYWHERE, CULL_FROM, at100, size, true, 0.5)
    expect(areaFor(grown, CULL_FROM, { ...at100, x: -100 }, size, false, 0)).toBe(grown)
    // Past its edge: a new area around the screen, with the margin asked for.
    expect(plain(areaFor(grown, CULL_FROM, { ...at100, x: -300 }, size, false, 0))).toEqual({ minX: 300, minY: 0, maxX: 700, maxY: 800 })
  })

  it('draws everything on a map smaller than CULL_FROM, whatever the margin', () => {
    expect(areaFor(EVERYWHERE, CULL_FROM - 1, at100, size, true, 0)).toBe(EVERYWHERE)
  })
})

// A link's arrow is drawn when its line crosses the area; its phrase element only when the phrase is
// near it: a long cross-link over a phone's screen has its phrase far away.
describe('inArea: arrows and phrases', () => {
  const area = { minX: 0, minY: 0, maxX: 400, maxY: 800 }
  const concept = (id: string, x: number, y: number): Concept => ({ id, label: id, x, y })
  const concepts = new Map([
    ['a', concept('a', -2000, 400)],
    ['b', concept('b', 2000, 400)],
    ['c', concept('c', 200, 100)],
    ['d', concept('d', 200, 700)]
  ])
  const boxes = new Map([...concepts].map(([id, c]) => [id, { x: c.x, y: c.y, w: 100, h: 40 }]))
  const link = (id: string, from: string, to: string): Link => ({ id, from, to, label: id })
  const across = link('across', 'a', 'b')
  const inside = link('inside', 'c', 'd')
  const away = link('away', 'a', 'a')
  const geometry = (l: Link, label: { x: number; y: number }): [string, CachedGeometry] => {
    const from = boxes.get(l.from)!
    const to = boxes.get(l.to)!
    return [l.id, { from, to, bend: 0, deps: [from, to], geometry: { line: '', label, visible: true } }]
  }
  const geometries = new Map([
    // Its phrase is at a third of the way, 1,300 to the left of the screen; its line crosses it.
    geometry(across, { x: -700, y: 400 }),
    geometry(inside, { x: 200, y: 400 }),
    geometry(away, { x: -2000, y: 300 })
  ])
  const ids = (ls: readonly Link[]) => ls.map((l) => l.id)
  const none = new Set<string>()

  it('draws the arrow of a line across the view without its far phrase', () => {
    const shown = inArea(area, concepts, [across, inside, away], boxes, geometries, none, none)
    expect(ids(shown.links)).toEqual(['across', 'inside'])
    expect(ids(shown.phrases)).toEqual(['inside'])
    expect(shown.concepts.map((c) => c.id)).toEqual(['c', 'd'])
  })

  it('gives a pinned link (focused, edited) its phrase wherever it is', () => {
    const shown = inArea(area, concepts, [across, inside, away], boxes, geometries, new Set(['across', 'away']), none)
    expect(ids(shown.phrases)).toEqual(['across', 'inside', 'away'])
  })

  it('keeps a phrase drawn before while it is within half an area, not one that was only an arrow', () => {
    const near = new Map(geometries)
    near.set('across', { ...geometries.get('across')!, geometry: { line: '', label: { x: -150, y: 400 }, visible: true } })
    expect(ids(inArea(area, concepts, [across], boxes, near, none, new Set(['across']), none).phrases)).toEqual([])
    expect(ids(inArea(area, concepts, [across], boxes, near, none, new Set(['across']), new Set(['across'])).phrases)).toEqual(['across'])
  })

  it('draws every phrase on a map drawn whole', () => {
    expect(ids(inArea(EVERYWHERE, concepts, [across, inside, away], boxes, geometries, none, none).phrases)).toEqual(['across', 'inside', 'away'])
  })
})
