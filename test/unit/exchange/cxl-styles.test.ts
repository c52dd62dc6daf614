import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contrastRatio, readableText } from '../../../shared/exchange/color'
import { exportCxl } from '../../../shared/exchange/cxl-export'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { ImportError } from '../../../shared/exchange/import-common'
import { importJson } from '../../../shared/exchange/json-import'
import { exportJson } from '../../../shared/exchange/json-export'
import { exportSvg } from '../../../shared/exchange/svg-export'
import { REAL_CXL, fixture } from './support'

const WHEN = { created: '2024-01-02T03:04:05Z', modified: '2024-06-07T08:09:10Z' }
const concept = (r: ReturnType<typeof importCxl>, id: string) => r.map.concepts.find((c) => c.id === id)

describe('CXL styles', () => {
  const r = importCxl(fixture('cxl/styled.cxl'))

  it('takes the _Default_ sheet’s fill, an appearance’s own fill, text colour and shape over it', () => {
    // The default sheet paints every concept black, with black text: the fill is kept, the text is not.
    expect(concept(r, 's1')).toEqual({ id: 's1', label: 'Symmetric cipher', x: 350, y: 40, w: 130, h: 28, color: '#000000' })
    expect(concept(r, 's2')).toMatchObject({ color: '#ffffcc' })
    expect(concept(r, 's2')!.textColor).toBeUndefined()
    expect(concept(r, 's3')).toMatchObject({ color: '#003366', textColor: '#ffffff', shape: 'ellipse' })
    expect(concept(r, 's4')).toMatchObject({ shape: 'diamond', color: '#000000' })
    // A transparent font colour carries none.
    expect(concept(r, 's5')).toMatchObject({ shape: 'rectangle' })
    expect(concept(r, 's5')!.textColor).toBeUndefined()
  })

  it('keeps leading and trailing spaces of labels, as the JSON import does', () => {
    expect(concept(r, 's6')!.label).toBe('  Key  ')
    const json = importJson(exportJson(r.map))
    expect(json.map.concepts.find((c) => c.id === 's6')!.label).toBe('  Key  ')
  })

  it('keeps the spaces around concept and phrase labels alike in a hand-written JSON file and a CXL file', () => {
    const json = importJson(JSON.stringify({
      concepts: [{ id: 'a', label: '  Key  ', x: 0, y: 0 }, { id: 'b', label: 'Lock ', x: 200, y: 0 }],
      links: [{ id: 'l', from: 'a', to: 'b', label: ' opens ' }]
    }))
    const cxl = importCxl(`<?xml version="1.0" encoding="UTF-8"?><cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map>
      <concept-list><concept id="a" label="  Key  "/><concept id="b" label="Lock "/></concept-list>
      <linking-phrase-list><linking-phrase id="p" label=" opens "/></linking-phrase-list>
      <connection-list><connection id="k1" from-id="a" to-id="p"/><connection id="k2" from-id="p" to-id="b"/></connection-list>
    </map></cmap>`)
    for (const r of [json, cxl]) {
      expect(r.map.concepts.map((c) => c.label).sort()).toEqual(['  Key  ', 'Lock '])
      expect(r.map.links.map((l) => l.label)).toEqual([' opens '])
    }
  })

  it('draws every label readable: black text on the black default fill becomes light', () => {
    const svg = exportSvg(r.map)
    const textFill = (label: string) => new RegExp(`<text text-anchor="middle" fill="(#[0-9a-f]{6})"><tspan[^>]*>${label}<`).exec(svg)?.[1]
    expect(textFill('Symmetric cipher')).toBe('#ffffff')
    expect(textFill('Stream Cipher')).toBe('#1f2328')
    expect(textFill('Block')).toBe('#ffffff')
    expect(svg).toContain('<ellipse cx="500" cy="160"')
    expect(svg).toMatch(/<polygon points="150,[\d.]+ /)
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" rx="0" ry="0" fill="#000000"/)
  })

  it('writes fill, text colour and shape back to CXL so they import the same', () => {
    const again = importCxl(exportCxl(r.map, WHEN))
    for (const c of r.map.concepts) {
      const d = again.map.concepts.find((x) => x.id === c.id)!
      expect({ color: d.color, textColor: d.textColor, shape: d.shape }).toEqual({ color: c.color, textColor: c.textColor, shape: c.shape })
    }
  })

  it('carries text colour and shape through JSON', () => {
    const again = importJson(exportJson(r.map))
    expect(again.map.concepts.find((c) => c.id === 's3')).toMatchObject({ textColor: '#ffffff', shape: 'ellipse' })
    expect(again.repaired.fields).toBe(0)
  })
})

describe('readableText', () => {
  it('keeps a chosen colour that reads, replaces one that does not', () => {
    expect(readableText('#ffffcc', '#333333')).toBe('#333333')
    expect(readableText('#000000', '#000000')).toBe('#ffffff')
    expect(readableText('#003366')).toBe('#ffffff')
    expect(readableText('#edf4f6')).toBe('#1f2328')
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
  })
})

describe('a truncated CXL file', () => {
  it('is refused in words that say the file was cut short', () => {
    const whole = readFileSync(REAL_CXL, 'utf8')
    const cut = whole.slice(0, Math.floor(whole.length * 0.6))
    let error: unknown
    try { importCxl(cut) } catch (e) { error = e }
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).reason).toBe('not-xml')
    expect((error as ImportError).message).toMatch(/^the file is cut short: it ends at line \d+ before the closing <\/cmap>/)
  })

  it('names an empty file, one cut inside its XML declaration, and one that is not XML, in words (no "column undefined")', () => {
    const whole = readFileSync(REAL_CXL, 'utf8')
    const message = (text: string) => {
      try { importCxl(text) } catch (e) { return (e as ImportError).message }
      return ''
    }
    for (const empty of ['', '  \n']) expect(message(empty)).toMatch(/^the file is empty: /)
    for (const cut of [whole.slice(0, 10), whole.slice(0, 30)]) {
      expect(message(cut)).toMatch(/^the file is cut short: it ends at line 1 before its first element/)
    }
    expect(message('hello, world')).toMatch(/^the file is not XML: it begins “hello, world”/)
    expect(message('<cmap><map></cmap>')).not.toMatch(/undefined/)
  })

  it('still names other XML faults as such', () => {
    expect(() => importCxl('<cmap><map></cmap>')).toThrow(/not well-formed XML/)
  })
})
