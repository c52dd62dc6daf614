import { describe, expect, it } from 'vitest'
import { ImportError } from '../../../shared/exchange/import-common'
import { BOARD_FILE_FORMAT, exportJson } from '../../../shared/exchange/json-export'
import { importJson } from '../../../shared/exchange/json-import'
import type { Group } from '../../../shared/roles'
import type { BoardMap } from '../../../shared/schema/board-map'
import { fixture } from './support'

const MAP: BoardMap = {
  title: 'Loyalty <b>&</b> "trust"',
  focusQuestion: 'Why do customers\ncome back?',
  concepts: [
    { id: 'c1', label: 'Fair prices', x: 120.5, y: -80, w: 110, h: 30, color: '#ffcc00' },
    // Made from a customer-voice item: the contract's `origin`, the item's id.
    { id: 'c2', label: 'Friendly staff 😀', x: 360, y: 80, origin: 'item-7' },
    { id: 'c3', label: 'Coming back', x: 240, y: 260, color: 'teal' }
  ],
  links: [
    { id: 'l1', from: 'c1', to: 'c3', label: 'make people keep' },
    { id: 'l2', from: 'c2', to: 'c3', label: 'is the reason for' },
    { id: 'l3', from: 'c2', to: 'c2', label: '' }
  ]
}
const CREATORS: Record<string, Group> = { c1: 'B', c2: 'U', l1: 'B', l2: 'U' }

function refusal(run: () => unknown): ImportError {
  try {
    run()
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError)
    return err as ImportError
  }
  throw new Error('expected an ImportError')
}

describe('exportJson / importJson', () => {
  it('round-trips a map and its creators\' groups unchanged', () => {
    const text = exportJson(MAP, { creators: CREATORS, boardId: 'board-1', exportedAt: 0 })
    const r = importJson(text)
    expect(r.map).toEqual(MAP)
    expect({ ...r.creators }).toEqual(CREATORS)
    expect(r.dropped).toEqual({ concepts: 0, links: 0, connections: 0, linkingPhrases: 0, elements: 0 })
    expect(r.repaired).toEqual({ ids: 0, labels: 0, positions: 0, fields: 0 })
  })

  it('writes the documented, versioned shape', () => {
    const file = JSON.parse(exportJson(MAP, { creators: CREATORS, boardId: 'board-1', exportedAt: '2024-05-01T10:00:00Z' }))
    expect(file).toEqual({
      format: BOARD_FILE_FORMAT,
      version: 1,
      meta: { title: MAP.title, focusQuestion: MAP.focusQuestion, boardId: 'board-1', exportedAt: '2024-05-01T10:00:00.000Z' },
      concepts: [
        { id: 'c1', label: 'Fair prices', x: 120.5, y: -80, w: 110, h: 30, color: '#ffcc00', creatorGroup: 'B' },
        { id: 'c2', label: 'Friendly staff 😀', x: 360, y: 80, origin: 'item-7', creatorGroup: 'U' },
        { id: 'c3', label: 'Coming back', x: 240, y: 260, color: 'teal' }
      ],
      links: [
        { id: 'l1', from: 'c1', to: 'c3', label: 'make people keep', creatorGroup: 'B' },
        { id: 'l2', from: 'c2', to: 'c3', label: 'is the reason for', creatorGroup: 'U' },
        { id: 'l3', from: 'c2', to: 'c2', label: '' }
      ]
    })
  })

  it('leaves dangling links out, and writes markup characters as \\u escapes', () => {
    const text = exportJson({ ...MAP, links: [...MAP.links, { id: 'gone', from: 'c1', to: 'ghost', label: '</script><script>x' }] })
    expect(text).not.toContain('gone')
    expect(text).not.toMatch(/[<>&]/)
    expect(JSON.parse(text).meta.title).toBe(MAP.title)
  })

  it('ignores creators that are not B or U, or that only the prototype has', () => {
    const creators = JSON.parse('{"c1":"facilitator","constructor":"B"}') as Record<string, Group>
    const withProto = { ...MAP, concepts: [...MAP.concepts, { id: 'constructor', label: 'x', x: 0, y: 0 }] }
    const file = JSON.parse(exportJson(withProto, { creators: Object.assign(Object.create({ c2: 'B' }), creators) }))
    expect(file.concepts.map((c: { creatorGroup?: string }) => c.creatorGroup)).toEqual([undefined, undefined, undefined, 'B'])
  })

  it('reads the hand-written board file', () => {
    const r = importJson(fixture('json/board-v1.json'))
    expect(r.map.title).toBe('Coffee shop loyalty')
    expect(r.map.concepts).toHaveLength(3)
    expect(r.map.links).toHaveLength(2)
    expect({ ...r.creators }).toEqual({ 'c-price': 'B', 'c-staff': 'U', 'l-1': 'B', 'l-2': 'U' })
  })

  it('reads the bare {concepts, links} of the map endpoint', () => {
    const r = importJson(JSON.stringify({ concepts: MAP.concepts, links: MAP.links }))
    expect(r.map).toEqual({ ...MAP, title: '', focusQuestion: '' })
  })

  it('validates each element, repairing or dropping it, and counts what it did', () => {
    const r = importJson(fixture('json/board-messy.json'))
    const ids = r.map.concepts.map((c) => c.id)
    for (const id of [...ids, ...r.map.links.map((l) => l.id)]) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(new Set([...ids, ...r.map.links.map((l) => l.id)]).size).toBe(ids.length + r.map.links.length)
    // Duplicate "ok", a string, a null.
    expect(r.dropped.concepts).toBe(3)
    // To a ghost, without from, a number.
    expect(r.dropped.links).toBe(3)
    expect(r.map.title).toBe('')
    expect(r.map.concepts.find((c) => c.label === 'Fine')).toEqual({ id: 'ok', label: 'Fine', x: 10, y: 20 })
    expect(r.map.concepts.find((c) => c.label === 'Far away')).toMatchObject({ x: 1_000_000, y: -5 })
    expect(r.map.concepts.find((c) => c.id === 'badfields')).toEqual({ id: 'badfields', label: '', x: 1, y: 2 })
    const odd = r.map.concepts.find((c) => c.label === 'Odd id')!
    const numeric = r.map.concepts.find((c) => c.label === 'Numeric id')!
    const link = (label: string) => r.map.links.find((l) => l.label === label)
    expect(link('links to')).toMatchObject({ id: 'l1', from: 'ok', to: odd.id })
    expect(link('from a numeric id')).toMatchObject({ from: numeric.id, to: 'ok' })
    expect(link('id taken by a concept')!.id).not.toBe('ok')
    expect(link('dangles')).toBeUndefined()
    for (const c of r.map.concepts) for (const v of [c.x, c.y]) expect(Number.isFinite(v)).toBe(true)
    expect(r.repaired).toEqual({ ids: 6, labels: 0, positions: 2, fields: 7 })
  })

  it('keeps an origin that is a stream item id, and drops (and counts) one that is not', () => {
    const origins: unknown[] = ['S_1-a', 'x'.repeat(64), 'x'.repeat(65), '', 42, 'has space', '<script>', { id: 'S_1' }, null]
    const concepts = origins.map((origin, i) => ({ id: `c${i}`, label: '', x: 0, y: 0, origin }))
    const r = importJson(JSON.stringify({ concepts }))
    // Ids as the board document takes them ([A-Za-z0-9_-]{1,64}); the rest dropped, the concepts kept.
    expect(r.map.concepts.map((c) => c.origin)).toEqual(['S_1-a', 'x'.repeat(64), ...Array<undefined>(7).fill(undefined)])
    expect(r.map.concepts.filter((c) => 'origin' in c)).toHaveLength(2)
    expect(r.repaired.fields).toBe(7)
    expect(r.dropped.concepts).toBe(0)
  })

  it('cuts labels to the limit without splitting a surrogate pair', () => {
    const r = importJson(JSON.stringify({ concepts: [{ id: 'a', label: `abc${'😀'.repeat(5)}`, x: 0, y: 0 }] }), { maxLabelLength: 6 })
    expect(r.map.concepts[0]!.label).toBe('abc😀')
    expect(r.repaired.labels).toBe(1)
  })

  it('refuses what is not a board file, with a reason', () => {
    expect(refusal(() => importJson('{"concepts": [')).reason).toBe('not-json')
    expect(refusal(() => importJson('')).reason).toBe('not-json')
    expect(refusal(() => importJson('[1, 2]')).reason).toBe('not-board')
    expect(refusal(() => importJson('{"hello": "world"}')).reason).toBe('not-board')
    expect(refusal(() => importJson('{"format": "something-else", "version": 1}')).reason).toBe('not-board')
    expect(refusal(() => importJson(`{"format": "${BOARD_FILE_FORMAT}", "version": 2, "concepts": []}`)).reason).toBe('unsupported-version')
    expect(refusal(() => importJson(`{"format": "${BOARD_FILE_FORMAT}", "version": "1"}`)).reason).toBe('not-board')
    expect(refusal(() => importJson('{"concepts": "many"}')).reason).toBe('not-board')
    expect(refusal(() => importJson(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).reason).toBe('bad-encoding')
  })

  it('refuses oversized files and too many elements before building anything', () => {
    expect(refusal(() => importJson(`{"concepts": [], "pad": "${'x'.repeat(200)}"}`, { maxBytes: 100 })).reason).toBe('too-large')
    expect(refusal(() => importJson(new Uint8Array(101), { maxBytes: 100 })).reason).toBe('too-large')
    // Multi-byte characters count as the bytes they take.
    expect(refusal(() => importJson(`{"concepts": [], "t": "${'é'.repeat(40)}"}`, { maxBytes: 60 })).reason).toBe('too-large')
    const concepts = Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, label: '', x: 0, y: 0 }))
    expect(refusal(() => importJson(JSON.stringify({ concepts }), { maxConcepts: 3 })).reason).toBe('too-many-elements')
    const links = Array.from({ length: 4 }, (_, i) => ({ id: `l${i}`, from: 'c0', to: 'c1', label: '' }))
    expect(refusal(() => importJson(JSON.stringify({ concepts, links }), { maxLinks: 3 })).reason).toBe('too-many-elements')
  })

  it('does not let ids named like Object.prototype members reach plain objects', () => {
    const text = '{"concepts": [{"id": "__proto__", "label": "p", "x": 0, "y": 0, "creatorGroup": "B"}], "__proto__": {"polluted": true}}'
    const r = importJson(text)
    expect(r.map.concepts[0]!.id).not.toBe('__proto__')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(r.creators)).toEqual([r.map.concepts[0]!.id])
  })
})
