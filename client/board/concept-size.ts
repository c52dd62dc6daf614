import type { Concept } from '../../shared/schema/board-map'
import { CONCEPT_SHAPES } from '../../shared/schema/element-fields'

/**
 * A concept box's size before the DOM has measured it, worked out from its label the way the
 * canvas's styles lay the box out (canvas-styles: `.box`, its shapes, 14 px text at 1.3 lines).
 * When this is right, the measurement that follows the first render changes no box, so no link is
 * placed twice and no phrase moves: a large map is laid out once instead of twice. When it is not
 * (a font the page lays out differently), the measurement corrects it as before.
 */

/** How wide a run of text is, in CSS pixels: the page's font, or a stand-in where there is none. */
export type MeasureText = (text: string, italic: boolean) => number

/** Padding of the box (left and right, top and bottom) by shape, from canvas-styles. */
const PADDING: Record<string, { x: number; y: number }> = {
  ellipse: { x: 24, y: 12 },
  diamond: { x: 34, y: 18 }
}
const PLAIN = { x: 14, y: 8 }
const BORDER = 1.5
const MIN_W = 64
const MAX_W = 220
const MIN_H = 36
const SHAPES = new Set<string>(CONCEPT_SHAPES)

/** Blink lays text out in 1/64 px units: a max-content width is rounded up to one, a line's height down. */
const layoutUnit = (px: number): number => Math.ceil(px * 64 - 1e-6) / 64
const LINE = Math.floor(14 * 1.3 * 64) / 64

/** A border as Blink draws it: a width of a pixel or more snaps down to whole device pixels. */
export function borderWidth(css: number, devicePixelRatio: number): number {
  const device = css * devicePixelRatio
  return (device < 1 ? 1 : Math.floor(device)) / devicePixelRatio
}

/**
 * How many lines a label takes in `width` pixels of text: greedy breaks at spaces, and a word too
 * long for a line broken anywhere (the box's `overflow-wrap: anywhere`).
 */
export function lineCount(label: string, width: number, measure: MeasureText, italic = false): number {
  return wrapLines(label, width, measure, italic).length
}

/** The lines themselves, as lineCount counts them (the replay draws them; the board's DOM wraps its own). */
export function wrapLines(label: string, width: number, measure: MeasureText, italic = false): string[] {
  const out: string[] = []
  let line = ''
  for (const word of label.split(' ')) {
    const next = line ? `${line} ${word}` : word
    if (measure(next, italic) <= width) {
      line = next
      continue
    }
    if (line) out.push(line)
    // A word wider than a line fills lines of its own, the rest starting the next.
    line = word
    while (measure(line, italic) > width && line.length > 1) {
      let fit = 1
      while (fit < line.length && measure(line.slice(0, fit + 1), italic) <= width) fit++
      out.push(line.slice(0, fit))
      line = line.slice(fit)
    }
  }
  out.push(line)
  return out
}

/** The width a concept's text has inside a box `w` wide (the box less its padding and border). */
export function textWidthIn(c: Concept, w: number, devicePixelRatio = 1): number {
  return w - frameOf(c, devicePixelRatio).outsideX
}

/** A concept box's padding by its shape, its border on this screen, and what both take across. */
function frameOf(c: Concept, devicePixelRatio: number): { pad: { x: number; y: number }; border: number; outsideX: number } {
  const border = borderWidth(BORDER, devicePixelRatio)
  const shape = typeof c.shape === 'string' && SHAPES.has(c.shape) ? c.shape : ''
  const pad = PADDING[shape] ?? PLAIN
  return { pad, border, outsideX: 2 * pad.x + 2 * border }
}

const known = new WeakMap<Concept, { measure: MeasureText; devicePixelRatio: number; size: { w: number; h: number } }>()

/**
 * conceptSize, kept per concept snapshot: until the page measures them, the concepts away from the
 * view are sized again on every render that changes the map, and a snapshot changes only with its concept.
 */
export function knownConceptSize(c: Concept, measure: MeasureText, devicePixelRatio = 1): { w: number; h: number } {
  const k = known.get(c)
  if (k && k.measure === measure && k.devicePixelRatio === devicePixelRatio) return k.size
  const size = conceptSize(c, measure, devicePixelRatio)
  known.set(c, { measure, devicePixelRatio, size })
  return size
}

/** The box a concept takes on the board, measured with `measure`, on a screen of `devicePixelRatio`. */
export function conceptSize(c: Concept, measure: MeasureText, devicePixelRatio = 1): { w: number; h: number } {
  const { pad, border, outsideX: outside } = frameOf(c, devicePixelRatio)
  // The page collapses runs of white space and drops it at the ends.
  const label = c.label.replace(/\s+/g, ' ').trim()
  const italic = !c.label
  const text = label || (c.label ? '' : 'Untitled concept')
  const minW = c.w ? c.w : MIN_W
  const maxW = c.w ? Math.max(MAX_W, c.w) : MAX_W
  const natural = layoutUnit(measure(text, italic)) + outside
  const w = Math.min(maxW, Math.max(minW, natural))
  const lines = natural > maxW ? lineCount(text, maxW - outside, measure, italic) : 1
  const h = Math.max(c.h ? c.h : MIN_H, lines * LINE + 2 * pad.y + 2 * border)
  return { w, h }
}

/** The old rule of thumb, where no font can be measured (tests without a page). */
const roughWidth: MeasureText = (text) => text.length * 7.6

let pageMeasure: MeasureText | null = null

/**
 * The page's own text measure (a canvas with the box's font), each text measured once: labels
 * repeat across a map, and a first render asks for every one of them.
 */
export function textMeasure(): MeasureText {
  if (pageMeasure) return pageMeasure
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (!ctx) return (pageMeasure = roughWidth)
  const cache = new Map<string, number>()
  const family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
  // Setting a canvas's font parses it: only when it changes.
  let slanted: boolean | null = null
  pageMeasure = (text, italic) => {
    const key = italic ? `i${text}` : `n${text}`
    let width = cache.get(key)
    if (width === undefined) {
      if (slanted !== italic) ctx.font = `${italic ? 'italic ' : ''}500 14px ${family}`
      slanted = italic
      width = ctx.measureText(text).width
      cache.set(key, width)
    }
    return width
  }
  return pageMeasure
}
