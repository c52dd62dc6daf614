import { describe, expect, it } from 'vitest'
import { exportCxl } from '../../../shared/exchange/cxl-export'
import { importCxl } from '../../../shared/exchange/cxl-import'
import { xmlSafe } from '../../../shared/exchange/escape-xml'
import { exportGraphml } from '../../../shared/exchange/graphml-export'
import { EXPORT_FORMATS, exportMap, type TextExportFormat } from '../../../shared/exchange/index'
import { exportJson } from '../../../shared/exchange/json-export'
import { importJson } from '../../../shared/exchange/json-import'
import { exportMermaid } from '../../../shared/exchange/mermaid-export'
import { exportSvg } from '../../../shared/exchange/svg-export'
import { emptyTxtNote, exportTxt } from '../../../shared/exchange/txt-export'
import { readXml, type XmlElement } from '../../../shared/exchange/xml-reader'
import { propositions, type BoardMap } from '../../../shared/schema/board-map'
import { expectWellFormedXml } from './support'

const HOSTILE = [
  '<script>alert(1)</script>',
  '"double" & \'single\' quotes, &amp; an entity, &lt; another',
  ']]> ends CDATA <![CDATA[ starts one ]]>',
  'line one\nline two\r\nline three\u2028after a separator',
  'unicode: café 日本語 😀 \u202Eright-to-left',
  '--> end"] n9("x") %% comment `markdown` #quot; #35; <br> ; |pipe|',
  'controls \u0000 \u0007 \u001B and \uFFFE and a lone \uD800 surrogate',
  '<img src=x onerror=alert(1)>',
  '" onload="alert(1)" x="',
  '<svg/onload=alert(1)><foreignObject>'
]

const MAP: BoardMap = {
  title: HOSTILE[0]!,
  focusQuestion: HOSTILE[3]!,
  concepts: HOSTILE.map((label, i) => ({ id: `c${i}`, label, x: (i % 4) * 220, y: Math.floor(i / 4) * 140 })),
  links: [
    ...HOSTILE.map((label, i) => ({ id: `l${i}`, from: `c${i}`, to: `c${(i + 1) % HOSTILE.length}`, label })),
    { id: 'dangling', from: 'c0', to: 'no-such-concept', label: 'DANGLING-MARKER' },
    { id: 'dangling2', from: 'nowhere', to: 'c1', label: 'DANGLING-MARKER' }
  ]
}
const TEXT_FORMATS = EXPORT_FORMATS.filter((f): f is TextExportFormat => f !== 'png')

const texts = (el: XmlElement): string[] => [el.text, ...Object.values(el.attrs), ...el.children.flatMap(texts)]
const elements = (el: XmlElement): XmlElement[] => [el, ...el.children.flatMap(elements)]

describe('every export of a map with hostile labels', () => {
  it('leaves dangling links out of every format', () => {
    for (const format of TEXT_FORMATS) expect(exportMap(format, MAP), format).not.toContain('DANGLING-MARKER')
  })

  it('has no raw <script (and no other live markup) in any format but plain text', () => {
    for (const format of TEXT_FORMATS.filter((f) => f !== 'txt')) {
      const out = exportMap(format, MAP)
      expect(out, format).not.toMatch(/<script/i)
      expect(out, format).not.toMatch(/<img|<foreignObject|<svg\/onload/i)
    }
  })

  it('writes SVG, GraphML and CXL that are well-formed XML', () => {
    for (const format of ['svg', 'graphml', 'cxl'] as const) expectWellFormedXml(exportMap(format, MAP))
  })

  it('keeps every label as text in SVG: no event attributes, only drawing elements', () => {
    const svg = readXml(exportSvg(MAP))
    const allowed = new Set(['svg', 'title', 'desc', 'defs', 'marker', 'path', 'rect', 'g', 'text', 'tspan'])
    for (const el of elements(svg)) {
      expect(allowed.has(el.name), el.name).toBe(true)
      for (const attr of Object.keys(el.attrs)) expect(attr).not.toMatch(/^on|href$/i)
    }
    const all = texts(svg).join('\n')
    for (const word of ['<script>alert(1)</script>', '" onload="alert(1)" x="', '<img src=x onerror=alert(1)>']) expect(all).toContain(word)
  })

  it('carries each label exactly through GraphML and CXL (characters XML cannot hold become U+FFFD)', () => {
    const graphml = readXml(exportGraphml(MAP))
    const labels = elements(graphml).filter((e) => e.name === 'data' && e.attrs.key === 'label').map((e) => e.text)
    expect(labels).toEqual(HOSTILE.map((l) => xmlSafe(l).trim()))
    const back = importCxl(exportCxl(MAP, { modified: 0 })).map
    expect(back.concepts.map((c) => c.label)).toEqual(HOSTILE.map((l) => xmlSafe(l).trim()))
    expect(back.title).toBe(MAP.title)
    expect(back.links).toHaveLength(HOSTILE.length)
  })

  it('round-trips hostile labels through JSON', () => {
    const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    const back = importJson(exportJson(MAP)).map
    expect(back.concepts.map((c) => c.label)).toEqual(HOSTILE.map(clean))
    expect(back.links).toHaveLength(HOSTILE.length)
  })

  it('keeps Mermaid labels inside their quotes and ids sanitized', () => {
    const lines = exportMermaid(MAP).trimEnd().split('\n')
    expect(lines.slice(0, 4)).toEqual(['---', expect.stringMatching(/^title: "(?:[^"\\<>&]|\\.)*"$/), '---', 'flowchart TD'])
    const nodes = lines.slice(4, 4 + HOSTILE.length)
    const edges = lines.slice(4 + HOSTILE.length)
    for (const line of nodes) expect(line).toMatch(/^ {4}n\d+\("[^"]*"\)$/)
    for (const line of edges) expect(line).toMatch(/^ {4}n\d+ -->(\|"[^"]*"\|)? n\d+$/)
    expect(edges).toHaveLength(HOSTILE.length)
    for (const line of [...nodes, ...edges]) {
      const quoted = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)
      for (const q of quoted) {
        // Inside a label: no markup but our own line breaks, no backtick, `#` only in entity codes.
        expect(q.replace(/<br>|#\d+;/g, '')).not.toMatch(/[<>`;#|[\]{}]/)
        expect(q).not.toMatch(/[\u0000-\u001F\u2028\u2029\u202E]/)
      }
    }
    expect(nodes[0]).toBe('    n0("#60;script#62;alert(1)#60;/script#62;")')
  })

  it('writes txt as exactly one line per proposition, nothing else', () => {
    const txt = exportTxt(MAP)
    expect(txt.endsWith('\n')).toBe(true)
    const lines = txt.slice(0, -1).split('\n')
    expect(lines).toHaveLength(propositions(MAP).length)
    for (const line of lines) expect(line).not.toMatch(/[\r\u000B\u000C\u001C-\u001E\u0085\u2028\u2029]/)
    expect(lines[0]).toBe('<script>alert(1)</script> — <script>alert(1)</script> → "double" & \'single\' quotes, &amp; an entity, &lt; another')
  })
})

describe('exportTxt', () => {
  it('writes "concept — phrase → concept", "concept → concept" without a phrase, and nothing for an empty map', () => {
    const map: BoardMap = {
      title: 'ignored', focusQuestion: 'ignored',
      concepts: [{ id: 'a', label: 'Rain', x: 0, y: 0 }, { id: 'b', label: ' Floods ', x: 0, y: 0 }],
      links: [{ id: 'l1', from: 'a', to: 'b', label: 'causes' }, { id: 'l2', from: 'b', to: 'a', label: '  ' }]
    }
    expect(exportTxt(map)).toBe('Rain — causes → Floods\nFloods → Rain\n')
    expect(exportTxt({ ...map, links: [] })).toBe('')
  })

  // The file is propositions and nothing else (contract), so an empty one cannot say why: the menu says it.
  it('says why a map without propositions has no text: its concepts counted, no links', () => {
    const map: BoardMap = {
      title: 'Rain', focusQuestion: 'Why floods?',
      concepts: [{ id: 'a', label: 'Rain', x: 0, y: 0 }, { id: 'b', label: 'Floods', x: 0, y: 0 }, { id: 'c', label: 'Dams', x: 0, y: 0 }],
      links: [{ id: 'l1', from: 'a', to: 'b', label: 'causes' }]
    }
    expect(emptyTxtNote(map)).toBeNull()
    expect(emptyTxtNote({ ...map, links: [] })).toBe('No propositions yet: this map has 3 concepts and no links.')
    // A link whose concept is gone is no proposition, and not drawn: the map has no links to see.
    expect(emptyTxtNote({ ...map, links: [{ id: 'l2', from: 'a', to: 'gone', label: 'feeds' }] })).toBe('No propositions yet: this map has 3 concepts and no links.')
    expect(emptyTxtNote({ ...map, concepts: map.concepts.slice(0, 1), links: [] })).toBe('No propositions yet: this map has 1 concept and no links.')
    expect(emptyTxtNote({ ...map, concepts: [], links: [] })).toBe('No propositions yet: this map is empty.')
  })
})

describe('exportSvg', () => {
  const map: BoardMap = {
    title: 'Picture', focusQuestion: 'What does it look like?',
    concepts: [
      { id: 'a', label: 'Sized', x: 100, y: 100, w: 120, h: 40, color: '#123456' },
      { id: 'b', label: 'Estimated from a rather long label', x: 400, y: 300 },
      { id: 'c', label: 'Far left', x: -300, y: -200 }
    ],
    links: [{ id: 'l1', from: 'a', to: 'b', label: 'leads to' }, { id: 'l2', from: 'b', to: 'a', label: 'and back' }, { id: 'l3', from: 'c', to: 'c', label: 'loop' }]
  }
  const groups = (svg: string) => readXml(svg).children.filter((c) => c.name === 'g')
  const named = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name).map((c) => c.attrs)

  it('draws concepts as rounded rects centred on x, y, sized from w, h or the label', () => {
    const svg = exportSvg(map)
    expectWellFormedXml(svg)
    const rects = named(groups(svg)[2]!, 'rect')
    expect(rects).toHaveLength(3)
    expect(rects[0]).toMatchObject({ x: '40', y: '80', width: '120', height: '40', rx: '8', fill: '#123456' })
    expect(Number(rects[1]!.width)).toBeGreaterThan(120)
    // A dark fill gets light text.
    expect(svg).toMatch(/fill="#ffffff"><tspan x="100"/)
  })

  it('draws each proposition as a line with an arrowhead and its phrase at the middle', () => {
    const svg = exportSvg(map)
    const paths = named(groups(svg)[0]!, 'path')
    expect(paths).toHaveLength(3)
    for (const p of paths) expect(p['marker-end']).toBe('url(#cg-arrow)')
    // Two links between the same concepts bend apart; a self-link is a loop.
    expect(paths[0]!.d).toMatch(/Q/)
    expect(paths[1]!.d).toMatch(/Q/)
    expect(paths[2]!.d).toMatch(/C/)
    for (const phrase of ['leads to', 'and back', 'loop']) expect(svg).toContain(`>${phrase}</tspan>`)
  })

  it('fits the viewBox around every concept, with room for the heading', () => {
    const svg = exportSvg(map)
    const [vx, vy, vw, vh] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number) as [number, number, number, number]
    expect(vx).toBeLessThan(-300 - 20)
    expect(vy).toBeLessThan(-200 - 40)
    expect(vx + vw).toBeGreaterThan(400 + 100)
    expect(vy + vh).toBeGreaterThan(300 + 20)
    expect(svg).toContain('>Picture</tspan>')
    expect(svg).toContain('>What does it look like?</tspan>')
    expect(exportSvg(map, { heading: false })).not.toContain('>Picture</tspan>')
  })

  it('keeps to what resvg renders', () => {
    const svg = exportSvg(map, { groupColors: true, creators: { a: 'B', l1: 'U' } })
    expect(svg).not.toMatch(/<style|<foreignObject|<image|<use|<script| (class|style|href|xlink:href)=/)
    expect(svg).toContain('font-family="sans-serif"')
  })

  it('shows creators\' groups only when asked, with a legend', () => {
    const plain = exportSvg(map, { creators: { a: 'B' } })
    expect(plain).not.toContain('>Brand</text>')
    const grouped = exportSvg(map, { groupColors: true, creators: { a: 'B', l1: 'U' } })
    expect(grouped).toContain('>Brand</text>')
    expect(grouped).toContain('>Customer</text>')
    expect(grouped).toContain('url(#cg-arrow-U)')
  })

  it('draws an empty map', () => {
    expectWellFormedXml(exportSvg({ title: '', focusQuestion: '', concepts: [], links: [] }))
  })
})

describe('exportGraphml', () => {
  it('writes nodes with label, x, y and yEd graphics, and directed edges with labels', () => {
    const map: BoardMap = {
      title: 'G', focusQuestion: '',
      concepts: [{ id: 'a', label: 'A', x: 10, y: 20, w: 40, h: 20 }, { id: 'weird id', label: 'B', x: 100, y: 20 }],
      links: [{ id: 'l1', from: 'a', to: 'weird id', label: 'knows' }]
    }
    const xml = exportGraphml(map)
    expectWellFormedXml(xml)
    const root = readXml(xml)
    const graph = root.children.find((c) => c.name === 'graph')!
    expect(graph.attrs.edgedefault).toBe('directed')
    const nodes = graph.children.filter((c) => c.name === 'node')
    expect(nodes.map((n) => n.attrs.id)).toEqual(['n0', 'n1'])
    const data = (el: XmlElement, key: string) => el.children.find((c) => c.name === 'data' && c.attrs.key === key)?.text
    expect([data(nodes[0]!, 'label'), data(nodes[0]!, 'x'), data(nodes[0]!, 'y'), data(nodes[1]!, 'cgId')]).toEqual(['A', '10', '20', 'weird id'])
    const edge = graph.children.find((c) => c.name === 'edge')!
    expect(edge.attrs).toMatchObject({ source: 'n0', target: 'n1' })
    expect(data(edge, 'edgeLabel')).toBe('knows')
    expect(xml).toContain('<y:Geometry x="-10" y="10" width="40" height="20"/>')
    expect(xml).toContain('<y:EdgeLabel>knows</y:EdgeLabel>')
  })
})

describe('the exchange entry points', () => {
  it('name the contract\'s formats and dispatch to each exporter and importer', async () => {
    const { EXPORT_MEDIA, importMap, isExportFormat, isImportFormat } = await import('../../../shared/exchange/index')
    expect(EXPORT_FORMATS).toEqual(['json', 'svg', 'png', 'cxl', 'graphml', 'mermaid', 'txt'])
    for (const f of EXPORT_FORMATS) expect(EXPORT_MEDIA[f].type).toBeTruthy()
    expect([isExportFormat('svg'), isExportFormat('pdf'), isImportFormat('cxl'), isImportFormat('svg')]).toEqual([true, false, true, false])
    const small: BoardMap = { title: 't', focusQuestion: 'q', concepts: [{ id: 'a', label: 'A', x: 50, y: 50, w: 60, h: 30 }, { id: 'b', label: 'B', x: 200, y: 50, w: 60, h: 30 }], links: [{ id: 'l', from: 'a', to: 'b', label: 'to' }] }
    expect(importMap('cxl', exportMap('cxl', small, { modified: 0 })).map).toEqual(small)
    expect(importMap('json', exportMap('json', small)).map).toEqual(small)
  })
})
