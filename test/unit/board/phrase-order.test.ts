import { describe, expect, it } from 'vitest'
import { CanvasModel } from '../../../client/board/canvas-model'
import { importCxl } from '../../../shared/exchange/cxl-import'
import type { Concept, Link } from '../../../shared/schema/board-map'
import { prng } from '../../support/prng'
import { largeSecurityCmap } from '../../support/large-cmap'

// Where linking phrases go depends on the document only: two clients holding the same concepts and
// links place every phrase alike, whatever order the links reached them in (a snapshot's order is
// the order they arrived), and however the map was built up (all at once, or link by link).

type Placed = Record<string, { line: string; x: number; y: number; member: boolean }>

function placed(m: CanvasModel): Placed {
  const out: Placed = {}
  for (const [id, c] of m.geometries) out[id] = { line: c.geometry.line, x: c.geometry.label.x, y: c.geometry.label.y, member: c.geometry.member === true }
  return out
}

const NONE = new Map<string, { w: number; h: number }>()

/** The map built in one step, with its links in this order. */
function allAtOnce(concepts: ReadonlyMap<string, Concept>, links: readonly Link[]): Placed {
  const m = new CanvasModel()
  m.update(concepts, new Map(links.map((l) => [l.id, l])), NONE, { concepts: true, links: true, sizes: false, prev: undefined })
  return placed(m)
}

/** The map with its links arriving one at a time, in this order (each a new snapshot). */
function oneByOne(concepts: ReadonlyMap<string, Concept>, links: readonly Link[]): Placed {
  const m = new CanvasModel()
  m.update(concepts, new Map(), NONE, { concepts: true, links: true, sizes: false, prev: undefined })
  for (let i = 1; i <= links.length; i++) {
    m.update(concepts, new Map(links.slice(0, i).map((l) => [l.id, l])), NONE, { concepts: false, links: true, sizes: false, prev: concepts })
  }
  return placed(m)
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = prng(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('linking phrase placement', () => {
  const { map } = importCxl(largeSecurityCmap().xml)
  const concepts = new Map(map.concepts.map((c) => [c.id, c]))
  const links = map.links

  it('is the same whatever order the links arrive in, all at once or one by one', () => {
    const reference = allAtOnce(concepts, links)
    expect(Object.keys(reference).length).toBe(links.length)
    for (const seed of [1, 2, 3]) {
      const order = shuffled(links, seed)
      expect(allAtOnce(concepts, order)).toEqual(reference)
      expect(oneByOne(concepts, order)).toEqual(reference)
    }
    expect(oneByOne(concepts, [...links].reverse())).toEqual(reference)
  })

  it('gives the middle of two crossing links to the same one, whichever came first', () => {
    const pair = new Map<string, Concept>([
      ['a', { id: 'a', label: 'A', x: 0, y: 0 } as Concept], ['b', { id: 'b', label: 'B', x: 400, y: 300 } as Concept],
      ['c', { id: 'c', label: 'C', x: 400, y: 0 } as Concept], ['d', { id: 'd', label: 'D', x: 0, y: 300 } as Concept]
    ])
    const l1 = { id: 'l1', from: 'a', to: 'b', label: 'leads to' } as Link
    const l2 = { id: 'l2', from: 'c', to: 'd', label: 'comes from' } as Link
    const first = oneByOne(pair, [l1, l2])
    expect(oneByOne(pair, [l2, l1])).toEqual(first)
    // The two phrases do not share the crossing.
    expect([first.l1!.x, first.l1!.y]).not.toEqual([first.l2!.x, first.l2!.y])
  })
})
