import { describe, expect, it } from 'vitest'
import { fitView, freeArea, READABLE_ZOOM, rootOf, type ScreenRect } from '../../../client/board/fit-view'
import type { Box } from '../../../client/model/geometry'

// Where Fit puts a map: pure geometry on boxes and the screen's overlays.

const toolbar = (w: number, h: number): ScreenRect => ({ x: w / 2 - 235, y: h - 60, w: 470, h: 44 })

/** A grid of concepts: `cols` × `rows`, 190 × 150 apart, 110 × 30 each, the first alone on top. */
function grid(cols: number, rows: number): Map<string, Box> {
  const out = new Map<string, Box>([['root', { x: ((cols - 1) / 2) * 190, y: 0, w: 110, h: 30 }]])
  for (let r = 1; r <= rows; r++) for (let c = 0; c < cols; c++) out.set(`c${r}-${c}`, { x: c * 190, y: r * 150, w: 110, h: 30 })
  return out
}

const screen = (b: Box, v: { x: number; y: number; zoom: number }) => ({
  x: (b.x - b.w / 2) * v.zoom + v.x, y: (b.y - b.h / 2) * v.zoom + v.y, w: b.w * v.zoom, h: b.h * v.zoom
})
const hit = (a: ScreenRect, b: ScreenRect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('fit', () => {
  it('shows a small map whole, above the toolbar, at no more than 100 %', () => {
    const boxes = grid(3, 2)
    const size = { w: 1280, h: 800 }
    const v = fitView([...boxes.values()], { size, overlays: [toolbar(1280, 800)] })!
    expect(v.zoom).toBe(1)
    for (const b of boxes.values()) {
      const s = screen(b, v)
      expect(s.x >= 0 && s.y >= 0 && s.x + s.w <= 1280 && s.y + s.h <= 800 - 60).toBe(true)
    }
  })

  it('shows a map whole if it reads so, clear of the toolbar and an overview in the corner', () => {
    const boxes = grid(7, 3)
    const size = { w: 1280, h: 800 }
    const overlays = [toolbar(1280, 800), { x: 1100, y: 616, w: 168, h: 112 }]
    const v = fitView([...boxes.values()], { size, overlays })!
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM)
    for (const b of boxes.values()) {
      const s = screen(b, v)
      expect(s.x >= 0 && s.y >= 0 && s.x + s.w <= 1280 && s.y + s.h <= 800).toBe(true)
      for (const o of overlays) expect(hit(s, o)).toBe(false)
    }
  })

  for (const size of [{ w: 1280, h: 800 }, { w: 390, h: 690 }]) {
    it(`shows a map too large to read whole from its root at a readable zoom, no concept under the toolbar (${size.w} px)`, () => {
      const boxes = grid(12, 12)
      const bar = toolbar(size.w, size.h)
      const v = fitView([...boxes.values()], { size, overlays: [bar], root: rootOf(boxes, []) })!
      expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM)
      expect(v.zoom).toBeLessThan(READABLE_ZOOM * 1.2)
      const root = screen(boxes.get('root')!, v)
      expect(root.x).toBeGreaterThanOrEqual(0)
      expect(root.x + root.w).toBeLessThanOrEqual(size.w)
      expect(root.y).toBeGreaterThan(15)
      expect(root.y).toBeLessThan(100)
      for (const b of boxes.values()) expect(hit(screen(b, v), bar)).toBe(false)
    })
  }

  it('keeps linking phrases in view and clear of the toolbar too: a phrase below the last row, one out to the side', () => {
    const boxes = grid(3, 2)
    const phrases: Box[] = [
      { x: 190, y: 400, w: 90, h: 18 },
      { x: 560, y: 225, w: 120, h: 18 }
    ]
    const size = { w: 600, h: 420 }
    const bar = toolbar(600, 420)
    const v = fitView([...boxes.values()], { size, overlays: [bar], phrases })!
    for (const p of phrases) {
      const s = screen(p, v)
      expect(s.x >= 0 && s.y >= 0 && s.x + s.w <= 600 && s.y + s.h <= 420).toBe(true)
      expect(hit(s, bar)).toBe(false)
    }
    // Fitted by its concepts alone, the one phrase would be under the toolbar and the other cut off.
    const without = fitView([...boxes.values()], { size, overlays: [bar] })!
    expect(hit(screen(phrases[0]!, without), bar)).toBe(true)
    expect(screen(phrases[1]!, without).x + screen(phrases[1]!, without).w).toBeGreaterThan(600)
  })

  it('keeps the map’s edge at the screen’s edge when its root is near a side', () => {
    const boxes = grid(12, 6)
    boxes.set('root', { x: 0, y: 0, w: 110, h: 30 })
    const v = fitView([...boxes.values()], { size: { w: 1280, h: 800 }, overlays: [], root: boxes.get('root')! })!
    expect(screen(boxes.get('c1-0')!, v).x).toBeCloseTo(48, 0)
  })

  it('fits beside a side panel open over the map', () => {
    const boxes = grid(3, 2)
    const v = fitView([...boxes.values()], { size: { w: 1280, h: 800 }, overlays: [{ x: 940, y: 0, w: 340, h: 800 }] })!
    for (const b of boxes.values()) expect(screen(b, v).x + screen(b, v).w).toBeLessThanOrEqual(940)
  })

  // The dot vote's panel floats 12 px in from the top left: a tall column on a desktop, a band across a phone's top.
  for (const [size, panel] of [
    [{ w: 1280, h: 700 }, { x: 12, y: 12, w: 330, h: 544 }],
    [{ w: 390, h: 630 }, { x: 12, y: 12, w: 330, h: 154 }]
  ] as const) {
    it(`fits clear of an open vote panel (${size.w} px)`, () => {
      const boxes = grid(3, 3)
      const bar = toolbar(size.w, size.h)
      const v = fitView([...boxes.values()], { size, overlays: [bar, panel], root: rootOf(boxes, []) })!
      expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM)
      for (const b of boxes.values()) expect(hit(screen(b, v), panel)).toBe(false)
      expect(freeArea(size, [panel])).toEqual(size.w > 600 ? { left: 350, top: 0, right: 1280, bottom: 700 } : { left: 0, top: 174, right: 390, bottom: 630 })
    })
  }

  // The find bar keeps the top right of the part beside a side panel (the live view's 380 px), whichever
  // comes first; a short vote panel in the top left stays only kept clear of.
  it('leaves the find bar at the top right of the free part out of it, beside a side panel', () => {
    const size = { w: 1280, h: 697 }
    const live = { x: 900, y: 0, w: 380, h: 697 }
    const find = { x: 496, y: 10, w: 394, h: 48 }
    expect(freeArea(size, [find, live])).toEqual({ left: 0, top: 66, right: 900, bottom: 697 })
    expect(freeArea(size, [live, find])).toEqual({ left: 0, top: 66, right: 900, bottom: 697 })
    expect(freeArea(size, [live, { x: 12, y: 12, w: 330, h: 60 }])).toEqual({ left: 0, top: 0, right: 900, bottom: 697 })
  })

  it('reads a map from its top row’s concept with the most links leaving it', () => {
    const boxes = new Map<string, Box>([
      ['a', { x: 0, y: 0, w: 100, h: 30 }],
      ['b', { x: 600, y: 10, w: 100, h: 30 }],
      ['c', { x: 300, y: 200, w: 100, h: 30 }]
    ])
    expect(rootOf(boxes, [{ from: 'b', to: 'c' }])).toBe(boxes.get('b'))
    expect(rootOf(boxes, [{ from: 'c', to: 'a' }])).toBe(boxes.get('a'))
  })
})
