import { describe, expect, it } from 'vitest'
import { areaFor, CULL_FROM, EVERYWHERE } from '../../../client/board/canvas-cull'

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
