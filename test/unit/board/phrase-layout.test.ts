import { describe, expect, it } from 'vitest'
import { deriveBoxes, deriveGeometries, drawnLinks } from '../../../client/board/canvas-derive'
import { phraseSize, planLinks } from '../../../client/board/link-layout'
import { computeLayout } from '../../../client/model/auto-layout'
import type { Box } from '../../../client/model/geometry'
import { conceptBox } from '../../../shared/exchange/layout'
import { importCxl } from '../../../shared/exchange/cxl-import'
import type { Concept, Link } from '../../../shared/schema/board-map'
import { largeSecurityCmap } from '../../support/large-cmap'

// The board's own link drawing (client/board/link-layout) on the 145-concept CmapTools-shaped map,
// before and after auto-layout: every phrase shown must be clear of every concept and every other
// phrase. Sizes are the board's estimates before the DOM measures (the e2e measures real ones).

interface Drawn { text: string; box: Box }

function drawnMap(concepts: ReadonlyMap<string, Concept>, links: ReadonlyMap<string, Link>) {
  // Imported boxes are grown to fit their text, as the board's boxes grow when measured.
  const sizes = new Map([...concepts].map(([id, c]) => [id, (({ w, h }) => ({ w, h }))(conceptBox(c))]))
  const boxes = deriveBoxes(concepts, sizes, new Map())
  const drawn = drawnLinks(links, concepts)
  const plan = planLinks(drawn)
  const geometries = deriveGeometries(drawn, boxes, plan, new Map())
  const phrases: Drawn[] = []
  for (const l of drawn) {
    const g = geometries.get(l.id)!.geometry
    if (!g.visible || g.member || !l.label) continue
    phrases.push({ text: l.label, box: { ...g.label, ...phraseSize(l.label) } })
  }
  const conceptBoxes: Drawn[] = [...boxes].map(([id, b]) => ({ text: concepts.get(id)!.label, box: b }))
  return { boxes, drawn, phrases, concepts: conceptBoxes }
}

const overlap = (a: Box, b: Box) => Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h

function clashes(phrases: readonly Drawn[], concepts: readonly Drawn[]): string[] {
  const out: string[] = []
  phrases.forEach((p, i) => {
    for (const c of concepts) if (overlap(p.box, c.box)) out.push(`"${p.text}" under ${JSON.stringify(c.text)}`)
    for (const q of phrases.slice(i + 1)) if (overlap(p.box, q.box)) out.push(`"${p.text}" runs into "${q.text}"`)
  })
  return out
}

describe('linking phrases on the board, 145-concept CmapTools map', () => {
  const { map } = importCxl(largeSecurityCmap().xml)
  const concepts = new Map(map.concepts.map((c) => [c.id, c as Concept]))
  const links = new Map(map.links.map((l) => [l.id, l as Link]))

  it('draws all 133 phrases as the file places the concepts, none under a concept or another phrase', () => {
    const { phrases, concepts: boxes } = drawnMap(concepts, links)
    expect(phrases).toHaveLength(133)
    expect(clashes(phrases, boxes)).toEqual([])
  })

  it('after auto-layout, no phrase is under a concept or runs into another phrase', async () => {
    const before = drawnMap(concepts, links)
    const positions = await computeLayout({ boxes: before.boxes, links: before.drawn })
    const laidOut = new Map([...concepts].map(([id, c]) => [id, { ...c, ...positions.get(id)! }]))
    const { phrases, concepts: boxes } = drawnMap(laidOut, links)
    expect(phrases).toHaveLength(133)
    expect(clashes(phrases, boxes)).toEqual([])
  })
})

describe('a phrase between two concepts placed close together', () => {
  // Seen in a workshop: "Fair prices always" renamed longer grew towards "Friendly staff" until the
  // gap (40 px) was narrower than "come with"; every spot along the line and just off it touched a
  // concept, and the phrase fell back to the middle, hidden under both.
  const concepts = new Map<string, Concept>([
    ['a', { id: 'a', label: 'Fair Really prices always', x: 300, y: 300 } as Concept],
    ['b', { id: 'b', label: 'Friendly staff', x: 488, y: 300 } as Concept]
  ])
  const links = new Map<string, Link>([['l', { id: 'l', from: 'a', to: 'b', label: 'come with' } as Link]])

  it('is put clear of both, above or below the gap, on the board', () => {
    const sizes = new Map([['a', { w: 200, h: 36 }], ['b', { w: 120, h: 36 }]])
    const boxes = deriveBoxes(concepts, sizes, new Map())
    const drawn = drawnLinks(links, concepts)
    const g = deriveGeometries(drawn, boxes, planLinks(drawn), new Map()).get('l')!.geometry
    expect(g.visible).toBe(true)
    const phrase = { ...g.label, ...phraseSize('come with') }
    for (const id of ['a', 'b']) expect(overlap(phrase, boxes.get(id)!), `under ${id}`).toBe(false)
    // And the link goes through it, so it reads as this link's phrase.
    const r = (n: number) => Math.round(n * 10) / 10
    expect(g.line).toContain(`L${r(g.label.x)} ${r(g.label.y)}L`)
  })
})
