import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { exportCxl } from '../../../shared/exchange/cxl-export'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { exportSvg } from '../../../shared/exchange/svg-export'
import { pngFontOptions } from '../../../server/exchange/render-png'
import { largeSecurityCmap } from '../../support/large-cmap'
import { REAL_CXL, realCxlFiles } from '../../support/shared-fixtures'
import { fixture, normalized } from './support'

// Every real CmapTools file among the shared fixtures (read from disk, not written here), and a
// generated map as large as the 145-concept security map the issue was tried with.

const WHEN = { created: '2024-01-02T03:04:05Z', modified: '2024-06-07T08:09:10Z' }
const phraseLabels = (xml: string) => [...xml.matchAll(/<linking-phrase [^>]*label="([^"]*)"/g)].map((m) => m[1]!).sort()

describe('every real CmapTools file among the shared fixtures', () => {
  const files = realCxlFiles()

  it('is found on disk', () => {
    expect(files.map((f) => basename(f))).toContain(basename(REAL_CXL))
  })

  for (const file of files) {
    it(`${basename(file)}: round trips through CXL with its linking phrases kept, none multiplied`, () => {
      const original = readFileSync(file, 'utf8')
      const first = importCxl(original)
      const xml = exportCxl(first.map, WHEN)
      // The same phrases, each once: what a phrase-per-link export would turn into one per link.
      expect(phraseLabels(xml)).toEqual(phraseLabels(original))
      expect(xml.match(/<concept id=/g)?.length ?? 0).toBe((original.match(/<concept /g) ?? []).length)
      const again = importCxl(xml)
      expect(normalized(again.map)).toEqual(normalized(first.map))
      expect(exportCxl(again.map, WHEN)).toBe(xml)
    })
  }
})

describe('a CmapTools map of 145 concepts', () => {
  const big = largeSecurityCmap()
  const first = importCxl(big.xml)

  it('imports whole and round trips with its 133 phrases kept as 133', () => {
    expect(first.map.concepts).toHaveLength(145)
    expect(big.phrases).toBe(133)
    const xml = exportCxl(first.map, WHEN)
    expect(xml.match(/<linking-phrase id=/g)).toHaveLength(133)
    expect(phraseLabels(xml)).toEqual(phraseLabels(big.xml))
    expect(normalized(importCxl(xml).map)).toEqual(normalized(first.map))
  })
})

interface Shape { kind: 'rect' | 'ellipse' | 'polygon'; cx: number; cy: number; w: number; h: number }

function shapeOf(tag: string): Shape {
  const a = (name: string) => Number(new RegExp(`\\s${name}="([-\\d.]+)"`).exec(tag)![1])
  if (tag.startsWith('<ellipse')) return { kind: 'ellipse', cx: a('cx'), cy: a('cy'), w: 2 * a('rx'), h: 2 * a('ry') }
  if (tag.startsWith('<polygon')) {
    const pts = /points="([^"]+)"/.exec(tag)![1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number])
    const xs = pts.map((p) => p[0]); const ys = pts.map((p) => p[1])
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
    return { kind: 'polygon', cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 }
  }
  return { kind: 'rect', cx: a('x') + a('width') / 2, cy: a('y') + a('height') / 2, w: a('width'), h: a('height') }
}

/** Whether a point lies inside the shape (a diamond is the polygon exportSvg draws). */
function inside(s: Shape, x: number, y: number): boolean {
  const dx = Math.abs(x - s.cx) / (s.w / 2)
  const dy = Math.abs(y - s.cy) / (s.h / 2)
  if (s.kind === 'ellipse') return dx * dx + dy * dy <= 1
  if (s.kind === 'polygon') return dx + dy <= 1
  return dx <= 1 && dy <= 1
}

/**
 * Each shape with its label, from one of exportSvg's layers, and the label's ink as resvg draws it
 * with the PNG's own fonts: the box the PNG export shows, measured rather than estimated.
 */
function drawnLabels(svg: string, layer: number): { shape: Shape; text: string; ink: { x: number; y: number; width: number; height: number } }[] {
  const groups = [...svg.matchAll(/^<g>(.*)<\/g>$/gm)].map((m) => m[1]!)
  const font = pngFontOptions()
  return [...groups[layer]!.matchAll(/(<(?:rect|ellipse|polygon) [^>]*\/>)(<text [^>]*>.*?<\/text>)/g)].map(([, tag, text]) => {
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" font-family="sans-serif" font-size="12">${text}</svg>`
    const bb = new Resvg(alone, { font, logLevel: 'off' }).getBBox()!
    return { shape: shapeOf(tag!), text: text!.replace(/<[^>]+>/g, ' ').trim(), ink: { x: bb.x, y: bb.y, width: bb.width, height: bb.height } }
  })
}

describe('text fits every box in the SVG and PNG exports', () => {
  const maps = [
    ['the 145-concept map', importCxl(largeSecurityCmap().xml).map],
    ['the real CmapTools file', importCxl(readFileSync(REAL_CXL, 'utf8')).map],
    ['the styled fixture (ellipse, diamond)', importCxl(fixture('cxl/styled.cxl')).map]
  ] as const

  for (const [name, map] of maps) {
    it(`${name}: every concept's label and every phrase inside its own shape`, () => {
      const svg = exportSvg(map)
      const concepts = drawnLabels(svg, 2)
      expect(concepts).toHaveLength(map.concepts.length)
      const phrases = drawnLabels(svg, 1)
      expect(phrases.length).toBeGreaterThan(0)
      for (const { shape, text, ink } of [...concepts, ...phrases]) {
        const corners = [[ink.x, ink.y], [ink.x + ink.width, ink.y], [ink.x, ink.y + ink.height], [ink.x + ink.width, ink.y + ink.height]]
        for (const [x, y] of corners) expect(inside(shape, x!, y!), `"${text}" spills out of its ${shape.kind} at ${x}, ${y}`).toBe(true)
      }
    })
  }
})
