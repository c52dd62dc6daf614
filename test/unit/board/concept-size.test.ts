import { describe, expect, it } from 'vitest'
import { deriveBoxes } from '../../../client/board/canvas-derive'
import { borderWidth, conceptSize, knownConceptSize, lineCount, type MeasureText } from '../../../client/board/concept-size'
import type { Concept } from '../../../shared/schema/board-map'

// The size a concept's box takes before the page measures it, as the canvas's styles lay it out:
// 14 px padding left and right and 8 px top and bottom (ellipse 24/12, diamond 34/18), a 1.5 px
// border drawn in whole device pixels, lines of 18.2 px held in 1/64 px, 64–220 px wide unless
// the concept has a stored size. Text widths here are a fixed 7 px a character (8 px in italics),
// so every figure can be worked out by hand.

const measure: MeasureText = (text, italic) => text.length * (italic ? 8 : 7)
const LINE = 1164 / 64 // 18.2 px, held in 1/64 px: 18.1875

function concept(label: string, extra: Partial<Concept> = {}): Concept {
  return { id: 'c', label, x: 0, y: 0, ...extra } as Concept
}

describe('concept size before measuring', () => {
  it('fits one line of text, with padding and a 1 px border at one device pixel a CSS pixel', () => {
    // "support": 49 px of text, + 28 padding + 2 border.
    expect(conceptSize(concept('support'), measure)).toEqual({ w: 79, h: LINE + 16 + 2 })
  })

  it('keeps the least width and height of a box', () => {
    expect(conceptSize(concept('a'), measure)).toEqual({ w: 64, h: Math.max(36, LINE + 18) })
  })

  it('rounds a text width up to the 1/64 px Blink lays it out in', () => {
    const odd: MeasureText = () => 53.7509765625
    expect(conceptSize(concept('support'), odd).w).toBe(53.765625 + 30)
  })

  it('wraps a long label at 220 px, line after line', () => {
    // 190 px of text a line (220 − 30): 27 characters. Seven words of 9 ("aaaaaaaaa").
    const label = Array.from({ length: 7 }, () => 'aaaaaaaaa').join(' ')
    // Lines: "aaaaaaaaa aaaaaaaaa" (19 chars, 133 px) can take no third word (29 chars, 203 px).
    expect(lineCount(label, 190, measure)).toBe(4)
    expect(conceptSize(concept(label), measure)).toEqual({ w: 220, h: 4 * LINE + 18 })
  })

  it('breaks a word longer than a line anywhere', () => {
    const word = 'x'.repeat(60) // 420 px: 27 characters a line, so 3 lines
    expect(lineCount(word, 190, measure)).toBe(3)
    expect(lineCount(`ab ${word}`, 190, measure)).toBe(4)
  })

  it('measures an empty label as its italic placeholder', () => {
    // "Untitled concept": 16 characters at 8 px.
    expect(conceptSize(concept(''), measure)).toEqual({ w: 128 + 30, h: LINE + 18 })
  })

  it('collapses white space as the page does', () => {
    expect(conceptSize(concept('  two   words '), measure)).toEqual(conceptSize(concept('two words'), measure))
  })

  it('pads ellipses and diamonds more', () => {
    expect(conceptSize(concept('support', { shape: 'ellipse' }), measure)).toEqual({ w: 49 + 48 + 2, h: LINE + 24 + 2 })
    expect(conceptSize(concept('support', { shape: 'diamond' }), measure)).toEqual({ w: 49 + 68 + 2, h: LINE + 36 + 2 })
    expect(conceptSize(concept('support', { shape: 'rectangle' }), measure)).toEqual(conceptSize(concept('support'), measure))
  })

  it('takes a stored size as the least, and lets a longer label grow up to it or 220 px', () => {
    expect(conceptSize(concept('support', { w: 150, h: 60 }), measure)).toEqual({ w: 150, h: 60 })
    const long = 'y'.repeat(36) // 252 px of text
    expect(conceptSize(concept(long, { w: 100, h: 40 }), measure)).toEqual({ w: 220, h: 2 * LINE + 18 })
    // A stored width above 220 px is also the most: 250 px holds 31 characters a line.
    expect(conceptSize(concept(long, { w: 250, h: 40 }), measure)).toEqual({ w: 250, h: 2 * LINE + 18 })
    expect(conceptSize(concept(long, { w: 300, h: 40 }), measure)).toEqual({ w: 300, h: 40 })
  })

  it('draws the border in whole device pixels', () => {
    expect(borderWidth(1.5, 1)).toBe(1)
    expect(borderWidth(1.5, 2)).toBe(1.5)
    expect(borderWidth(1.5, 3)).toBe(4 / 3)
    expect(borderWidth(0.25, 1)).toBe(1)
    expect(conceptSize(concept('support'), measure, 2)).toEqual({ w: 49 + 28 + 3, h: LINE + 16 + 3 })
  })
})

describe('sizes kept per concept snapshot', () => {
  it('sizes a snapshot once, and again for another snapshot, measure or screen', () => {
    const c = concept('support')
    const first = knownConceptSize(c, measure)
    expect(first).toEqual(conceptSize(c, measure))
    expect(knownConceptSize(c, measure)).toBe(first)
    expect(knownConceptSize(concept('support'), measure)).not.toBe(first)
    const wider: MeasureText = (text) => text.length * 10
    expect(knownConceptSize(c, wider)).toEqual({ w: 100, h: LINE + 18 })
    expect(knownConceptSize(c, measure, 2)).toEqual({ w: 80, h: LINE + 19 })
  })
})

describe('boxes from sizes', () => {
  const concepts = new Map([['c', concept('support', { x: 10, y: 20 })]])

  it('uses the worked-out size until the page measures the box', () => {
    expect(deriveBoxes(concepts, new Map(), new Map(), measure, 1).get('c')).toEqual({ x: 10, y: 20, w: 79, h: LINE + 18 })
  })

  it('keeps the box when the measurement is within half a pixel of it, and takes one further off', () => {
    const first = deriveBoxes(concepts, new Map(), new Map(), measure, 1)
    const close = deriveBoxes(concepts, new Map([['c', { w: 79.3, h: LINE + 18 - 0.2 }]]), first, measure, 1)
    expect(close.get('c')).toBe(first.get('c'))
    const far = deriveBoxes(concepts, new Map([['c', { w: 80, h: LINE + 18 }]]), first, measure, 1)
    expect(far.get('c')).toEqual({ x: 10, y: 20, w: 80, h: LINE + 18 })
  })
})
