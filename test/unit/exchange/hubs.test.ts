import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findHubs } from '../../../shared/drawing/hubs'
import { exportCxl } from '../../../shared/exchange/cxl-export'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { conceptBox, layoutLinks, phraseBox, type Box } from '../../../shared/exchange/layout'
import { exportSvg } from '../../../shared/exchange/svg-export'
import { REAL_CXL, fixture, normalized } from './support'

const WHEN = { created: '2024-01-02T03:04:05Z', modified: '2024-06-07T08:09:10Z' }
const l = (id: string, from: string, to: string, label: string) => ({ id, from, to, label })

describe('findHubs', () => {
  it('joins a fan-out, a fan-in and a many-to-many phrase; leaves lone, unlabelled and looping links alone', () => {
    const links = [
      l('a', 'S', 'T1', 'causes'), l('b', 'S', 'T2', 'causes'), l('c', 'S', 'T3', 'causes'),
      l('d', 'X', 'Z', 'feed'), l('e', 'Y', 'Z', 'feed'),
      l('f', 'P', 'R', 'relate to'), l('g', 'P', 'Q', 'relate to'), l('h', 'O', 'Q', 'relate to'), l('i', 'O', 'R', 'relate to'),
      l('j', 'S', 'T1', ''), l('k', 'S', 'T2', ''), l('m', 'S', 'S', 'causes'), l('n', 'T1', 'T2', 'causes')
    ]
    const { hubs, single } = findHubs(links)
    expect(hubs.map((h) => ({ label: h.label, from: h.from, to: h.to, links: h.links.map((x) => x.id) }))).toEqual([
      { label: 'causes', from: ['S'], to: ['T1', 'T2', 'T3'], links: ['a', 'b', 'c'] },
      { label: 'feed', from: ['X', 'Y'], to: ['Z'], links: ['d', 'e'] },
      { label: 'relate to', from: ['P', 'O'], to: ['R', 'Q'], links: ['f', 'g', 'h', 'i'] }
    ])
    expect(single.map((x) => x.id).sort()).toEqual(['j', 'k', 'm', 'n'])
  })
})

describe('the real CmapTools file', () => {
  const first = importCxl(readFileSync(REAL_CXL, 'utf8'))

  it('round-trips through CXL with its 6 linking phrases kept as 6, and every link id kept', () => {
    const xml = exportCxl(first.map, WHEN)
    expect(xml.match(/<linking-phrase id=/g)).toHaveLength(6)
    expect(xml.match(/<connection id=/g)).toHaveLength(17)
    const again = importCxl(xml)
    expect(normalized(again.map)).toEqual(normalized(first.map))
    // And again: a second trip changes nothing.
    expect(exportCxl(again.map, WHEN)).toBe(xml)
  })

  it('keeps the hand-written many-to-many phrase as one', () => {
    const r = importCxl(fixture('cxl/fan-out.cxl'))
    const xml = exportCxl(r.map, WHEN)
    expect(xml.match(/<linking-phrase id=[^>]*label="relate to"/g)).toHaveLength(1)
    expect(xml.match(/<linking-phrase id=/g)).toHaveLength(3)
    expect(normalized(importCxl(xml).map)).toEqual(normalized(r.map))
  })

  it('draws each hub’s phrase once in SVG, with an arrowhead per target and none into the phrase', () => {
    const svg = exportSvg(first.map)
    expect(svg.match(/>involves</g)).toHaveLength(1)
    expect(svg.match(/>for working on</g)).toHaveLength(1)
    // 8 arrows out of the 4 hubs' phrases, 2 lone links; 5 lines into the hubs' phrases.
    expect(svg.match(/marker-end=/g)).toHaveLength(10)
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#57606a" stroke-width="1.5"\/>/g)).toHaveLength(5)
  })

  it('places every phrase clear of every concept and of every other phrase, with the text inside each box', () => {
    const boxes = new Map<string, Box>(first.map.concepts.map((c) => [c.id, conceptBox(c)]))
    const { routes, hubs } = layoutLinks(boxes, first.map.links)
    const phrases = [...hubs.map((h) => h.box), ...routes.map((r) => phraseBox(r.link.label, r.label))]
    const overlap = (a: Box, b: Box) => Math.abs(a.cx - b.cx) * 2 < a.w + b.w && Math.abs(a.cy - b.cy) * 2 < a.h + b.h
    for (const p of phrases) {
      for (const b of boxes.values()) expect(overlap(p, b), `${p.lines.join(' ')} under a concept`).toBe(false)
      for (const q of phrases) if (q !== p) expect(overlap(p, q), `${p.lines.join(' ')} runs into ${q.lines.join(' ')}`).toBe(false)
    }
    for (const c of first.map.concepts) {
      const b = boxes.get(c.id)!
      expect(b.w).toBeGreaterThanOrEqual(Math.max(...b.lines.map((x) => x.length)) * 7)
      expect(b.h).toBeGreaterThanOrEqual(b.lines.length * 15)
    }
  })
})

describe('a phrase between two concepts closer than it is wide, in the exports', () => {
  it('is put clear of both and the link bends through it', () => {
    const boxes = new Map<string, Box>([
      ['a', { cx: 300, cy: 300, w: 200, h: 36, lines: ['Fair Really prices always'] }],
      ['b', { cx: 470, cy: 300, w: 120, h: 36, lines: ['Friendly staff'] }]
    ])
    const { routes } = layoutLinks(boxes, [l('x', 'a', 'b', 'come with')])
    const r = routes[0]!
    const phrase = phraseBox('come with', r.label)
    const apart = (p: Box, q: Box) => Math.abs(p.cx - q.cx) * 2 >= p.w + q.w || Math.abs(p.cy - q.cy) * 2 >= p.h + q.h
    for (const id of ['a', 'b']) expect(apart(phrase, boxes.get(id)!), `clear of ${id}`).toBe(true)
    expect(r.curve && 'q' in r.curve).toBe(true)
    const q = (r.curve as { q: { x: number; y: number } }).q
    // The quadratic passes through the label half way.
    expect(0.25 * r.start.x + 0.5 * q.x + 0.25 * r.end.x).toBeCloseTo(r.label.x, 6)
    expect(0.25 * r.start.y + 0.5 * q.y + 0.25 * r.end.y).toBeCloseTo(r.label.y, 6)
  })
})

describe('a link whose straight line would run under a concept it does not join, in the exports', () => {
  it('bends through its phrase, clear of that concept, as in the workshop’s Price level → Trust past Fast delivery', () => {
    // The three concepts of a workshop's row (their exported boxes); drawn straight, "Price level
    // affects Trust" ran under Fast delivery, and the picture read "Fast delivery affects Trust".
    const boxes = new Map<string, Box>([
      ['price', conceptBox({ id: 'price', label: 'Price level', x: -240, y: -123 })],
      ['trust', conceptBox({ id: 'trust', label: 'Trust', x: 110, y: -111 })],
      ['fast', conceptBox({ id: 'fast', label: 'Fast delivery', x: -80, y: -123 })]
    ])
    const { routes } = layoutLinks(boxes, [l('a', 'price', 'trust', 'affects'), l('b', 'fast', 'trust', 'builds')])
    const affects = routes.find((r) => r.link.id === 'a')!
    const fast = boxes.get('fast')!
    const at = (t: number) => {
      const q = affects.curve && 'q' in affects.curve ? affects.curve.q : { x: (affects.start.x + affects.end.x) / 2, y: (affects.start.y + affects.end.y) / 2 }
      const u = 1 - t
      return { x: u * u * affects.start.x + 2 * u * t * q.x + t * t * affects.end.x, y: u * u * affects.start.y + 2 * u * t * q.y + t * t * affects.end.y }
    }
    const under = Array.from({ length: 99 }, (_, i) => at((i + 1) / 100)).filter((p) => Math.abs(p.x - fast.cx) * 2 < fast.w && Math.abs(p.y - fast.cy) * 2 < fast.h)
    expect(under, 'points of the line under Fast delivery').toEqual([])
    // The phrase is still on its own line, half way along the curve.
    expect(at(0.5).x).toBeCloseTo(affects.label.x, 6)
    expect(at(0.5).y).toBeCloseTo(affects.label.y, 6)
    // A link with nothing in its way stays straight.
    expect(routes.find((r) => r.link.id === 'b')!.curve).toBeUndefined()
  })
})
