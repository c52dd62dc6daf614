import { describe, expect, it } from 'vitest'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { ImportError, type ImportErrorReason } from '../../../shared/exchange/import-common'

const MINIMAL = '<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map><concept-list><concept id="a" label="A"/></concept-list></map></cmap>'

function refused(input: string | Uint8Array, options = {}): ImportError {
  try {
    importCxl(input, options)
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError)
    expect((err as Error).message.length).toBeGreaterThan(0)
    return err as ImportError
  }
  throw new Error('expected the file to be refused')
}

const expectRefused = (input: string | Uint8Array, reason: ImportErrorReason, options = {}) => expect(refused(input, options).reason).toBe(reason)

describe('importCxl refuses hostile and foreign input', () => {
  it('refuses a DTD with internal entities', () => {
    expectRefused(`<?xml version="1.0"?><!DOCTYPE cmap [<!ENTITY name "Alice">]>
      <cmap><map><concept-list><concept id="a" label="&name;"/></concept-list></map></cmap>`, 'forbidden-dtd')
  })

  it('refuses an external entity (XXE) without reading it', () => {
    const err = refused(`<?xml version="1.0"?><!DOCTYPE cmap [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <cmap><map><concept-list><concept id="a" label="&xxe;"/></concept-list></map></cmap>`)
    expect(err.reason).toBe('forbidden-dtd')
    expect(err.message).not.toMatch(/root:/)
  })

  it('refuses billion laughs quickly', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')
    const started = Date.now()
    expectRefused(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>
      <cmap><map><concept-list><concept id="a" label="&lol9;"/></concept-list></map></cmap>`, 'forbidden-dtd')
    expect(Date.now() - started).toBeLessThan(500)
  })

  it('refuses any DOCTYPE, whatever its case, and a stray ENTITY declaration', () => {
    expectRefused(`<!doctype cmap SYSTEM "http://example.org/cmap.dtd">${MINIMAL}`, 'forbidden-dtd')
    expectRefused(`<!DOCTYPE cmap>${MINIMAL}`, 'forbidden-dtd')
    expectRefused(`${MINIMAL}<!ENTITY x "y">`, 'forbidden-dtd')
  })

  it('refuses an oversized file before parsing it', () => {
    const big = `<cmap><map><concept-list>${'<concept id="a" label="x"/>'.repeat(200_000)}</concept-list></map></cmap>`
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024)
    expectRefused(big, 'too-large')
    expectRefused(new TextEncoder().encode(big), 'too-large')
    expectRefused(MINIMAL, 'too-large', { maxBytes: 50 })
  })

  it('refuses a file of very many tiny elements before parsing it', () => {
    const started = Date.now()
    expectRefused(`<cmap><map>${'<x/>'.repeat(1_000_000)}</map></cmap>`, 'too-many-elements')
    expect(Date.now() - started).toBeLessThan(2_000)
    expectRefused(MINIMAL, 'too-many-elements', { maxXmlElements: 3 })
  })

  it('refuses what is not XML at all', () => {
    expectRefused('', 'not-xml')
    expectRefused('hello, world', 'not-xml')
    expectRefused('{"concepts": []}', 'not-xml')
    expectRefused('<cmap><map></cmap>', 'not-xml')
    expectRefused('<cmap a="1" a="2"><map/></cmap>', 'not-xml')
    expectRefused('<cmap><map/></cmap><cmap><map/></cmap>', 'not-xml')
    expectRefused(new Uint8Array([0x3c, 0x63, 0xff, 0xfe, 0x00, 0x3e]), 'bad-encoding')
  })

  it('refuses nesting deeper than any CXL has', () => {
    const deep = `<cmap><map>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</map></cmap>`
    expectRefused(deep, 'not-xml')
  })

  it('refuses XML that is not CXL', () => {
    expectRefused('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', 'not-cxl')
    expectRefused('<graphml><graph/></graphml>', 'not-cxl')
    expectRefused('<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><res-meta/></cmap>', 'not-cxl')
  })

  it('refuses too many concepts, phrases or propositions, including a small file that fans out hugely', () => {
    const concepts = (n: number) => Array.from({ length: n }, (_, i) => `<concept id="c${i}" label="c"/>`).join('')
    expectRefused(`<cmap><map><concept-list>${concepts(4)}</concept-list></map></cmap>`, 'too-many-elements', { maxConcepts: 3 })
    const n = 300
    const conns = Array.from({ length: n }, (_, i) => `<connection id="i${i}" from-id="c${i}" to-id="p"/><connection id="o${i}" from-id="p" to-id="c${i}"/>`).join('')
    const bomb = `<cmap><map><concept-list>${concepts(n)}</concept-list><linking-phrase-list><linking-phrase id="p" label="x"/></linking-phrase-list><connection-list>${conns}</connection-list></map></cmap>`
    expect(bomb.length).toBeLessThan(60_000)
    expectRefused(bomb, 'too-many-elements')
  })

  it('parses a tag named like an Object.prototype member as an unknown element, not a refusal', () => {
    const r = importCxl('<cmap><map><concept-list><concept id="a" label="A"/><__proto__ polluted="yes"/><constructor/></concept-list><toString/></map></cmap>')
    expect(r.map.concepts).toHaveLength(1)
    expect(r.dropped.elements).toBe(3)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('reads a file declared in another encoding when given bytes', () => {
    const latin1 = Uint8Array.from([...'<?xml version="1.0" encoding="ISO-8859-1"?><cmap><map><concept-list><concept id="a" label="Caf'].map((c) => c.charCodeAt(0)).concat([0xe9], [...'"/></concept-list></map></cmap>'].map((c) => c.charCodeAt(0))))
    expect(importCxl(latin1).map.concepts[0]!.label).toBe('Café')
  })
})
