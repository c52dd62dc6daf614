import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { boardPolicy } from '../../../server/boards/board-policy'
import type { Role } from '../../../shared/roles'
import { CONTENT_LIMITS } from '../../../shared/schema/element-fields'
import type { UpdateRefusal } from '../../../shared/sync/refusal-reasons'

type Concept = Y.Map<unknown>

/** A board as the server holds it (concepts A and B, link L, meta, one stream item) and a client synced to it. */
function board(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc()
  server.transact(() => {
    for (const [id, label] of [['A', 'Delivery'], ['B', 'Trust']] as const) server.getMap('concepts').set(id, concept(label))
    const link = new Y.Map<unknown>()
    link.set('from', 'A')
    link.set('to', 'B')
    link.set('label', 'builds')
    server.getMap('links').set('L', link)
    server.getMap('meta').set('title', 'Board')
    server.getMap('meta').set('focusQuestion', 'Why?')
    server.getMap('meta').set('schemaVersion', 1)
    const item = new Y.Map<unknown>()
    item.set('text', 'a customer said')
    server.getMap('stream').set('s1', item)
  })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

function concept(label: unknown, x: unknown = 1, y: unknown = 2): Concept {
  const m = new Y.Map<unknown>()
  m.set('label', label)
  m.set('x', x)
  m.set('y', y)
  return m
}

/** What the policy says about the update `change` makes on the client, applied to the server as a client update is. */
function review(role: Role, change: (client: Y.Doc) => void, opts: { locked?: boolean; docs?: { server: Y.Doc; client: Y.Doc } } = {}): UpdateRefusal | null {
  const { server, client } = opts.docs ?? board()
  const before = Y.encodeStateVector(server)
  client.transact(() => change(client))
  const update = Y.encodeStateAsUpdate(client, before)
  const origin = {}
  let verdict: UpdateRefusal | null | undefined
  const listen = (tr: Y.Transaction) => {
    if (tr.origin === origin) verdict = boardPolicy.review(tr, { participant: { id: 'p', role, name: null }, locked: opts.locked ?? false })
  }
  server.on('afterTransaction', listen)
  Y.applyUpdate(server, update, origin)
  server.off('afterTransaction', listen)
  if (verdict === undefined) throw new Error('no transaction')
  return verdict
}

const conceptOf = (doc: Y.Doc, id: string) => doc.getMap('concepts').get(id) as Concept

describe('boardPolicy: who may write', () => {
  it('viewers are read-only; brands, customers and facilitators are not', () => {
    const p = (role: Role) => boardPolicy.isReadonly({ id: 'p', role, name: null })
    expect([p('viewer'), p('brand'), p('customer'), p('facilitator')]).toEqual([true, false, false, false])
  })

  it('accepts the ordinary edits of every writer', () => {
    for (const role of ['brand', 'customer', 'facilitator'] as const) {
      expect(review(role, (c) => c.getMap('concepts').set('C', concept('New'))), role).toBeNull()
      expect(review(role, (c) => conceptOf(c, 'A').set('label', 'Faster delivery'))).toBeNull()
      expect(review(role, (c) => conceptOf(c, 'A').set('x', -250.5))).toBeNull()
      expect(review(role, (c) => conceptOf(c, 'A').set('color', '#aabbcc'))).toBeNull()
      expect(review(role, (c) => c.getMap('concepts').delete('B'))).toBeNull()
      expect(review(role, (c) => c.getMap('links').delete('L'))).toBeNull()
    }
  })

  it('a locked board leaves only facilitators writing', () => {
    const edit = (c: Y.Doc) => conceptOf(c, 'A').set('label', 'while locked')
    expect(review('brand', edit, { locked: true })).toBe('locked')
    expect(review('customer', (c) => c.getMap('concepts').delete('A'), { locked: true })).toBe('locked')
    expect(review('facilitator', edit, { locked: true })).toBeNull()
  })

  it('only facilitators write the title and focus question; nobody else writes meta', () => {
    expect(review('brand', (c) => c.getMap('meta').set('title', 'Mine now'))).toBe('meta-facilitator-only')
    expect(review('customer', (c) => c.getMap('meta').set('schemaVersion', 99))).toBe('meta-facilitator-only')
    expect(review('facilitator', (c) => c.getMap('meta').set('title', 'Renamed'))).toBeNull()
    expect(review('facilitator', (c) => c.getMap('meta').set('focusQuestion', 'What now?'))).toBeNull()
    expect(review('facilitator', (c) => c.getMap('meta').set('schemaVersion', 99))).toBe('shape')
    expect(review('facilitator', (c) => c.getMap('meta').set('title', 'x'.repeat(CONTENT_LIMITS.maxTitleLength + 1)))).toBe('shape')
    expect(review('facilitator', (c) => c.getMap('meta').delete('title'))).toBe('shape')
  })

  it('no client writes the stream, not even a facilitator', () => {
    expect(review('facilitator', (c) => c.getMap('stream').set('s2', new Y.Map()))).toBe('stream-server-only')
    expect(review('brand', (c) => (c.getMap('stream').get('s1') as Y.Map<unknown>).set('text', 'rewritten'))).toBe('stream-server-only')
    expect(review('customer', (c) => c.getMap('stream').delete('s1'))).toBe('stream-server-only')
  })
})

describe('boardPolicy: the document keeps its schema', () => {
  const refusedAsShape: Array<[string, (c: Y.Doc) => void]> = [
    ['a new top-level type', (c) => c.getMap('evil').set('k', 1)],
    ['a concept that is not a Y.Map', (c) => c.getMap('concepts').set('C', 'a string')],
    ['an entry without a key (list insert)', (c) => c.getArray('links').push([1])],
    ['an element id that is not URL-safe', (c) => c.getMap('concepts').set('a b', concept('x'))],
    ['a non-finite coordinate', (c) => c.getMap('concepts').set('C', concept('x', Number.NaN))],
    ['a huge coordinate', (c) => c.getMap('concepts').set('C', concept('x', 1, 1e308))],
    ['a coordinate out of range on an existing concept', (c) => conceptOf(c, 'A').set('x', CONTENT_LIMITS.maxCoordinate * 2)],
    ['infinity', (c) => conceptOf(c, 'A').set('y', Number.POSITIVE_INFINITY)],
    ['a label of the wrong type', (c) => c.getMap('concepts').set('C', concept(42))],
    ['a label over the limit', (c) => conceptOf(c, 'A').set('label', 'x'.repeat(CONTENT_LIMITS.maxLabelLength + 1))],
    ['an unknown field on a new concept', (c) => c.getMap('concepts').set('C', conceptWith('evil', 1))],
    ['an unknown field on an existing concept', (c) => conceptOf(c, 'A').set('onclick', 'alert(1)')],
    ['a concept missing a required field', (c) => { const m = new Y.Map<unknown>(); m.set('label', 'x'); m.set('x', 1); c.getMap('concepts').set('C', m) }],
    ['a required field removed', (c) => conceptOf(c, 'A').delete('label')],
    ['a nested type inside a new concept', (c) => c.getMap('concepts').set('C', conceptWith('label', new Y.Text('hi')))],
    ['a nested type set on an existing concept', (c) => conceptOf(c, 'A').set('color', new Y.Map())],
    ['a bad link endpoint', (c) => { const m = new Y.Map<unknown>(); m.set('from', '../A'); m.set('to', 'B'); m.set('label', ''); c.getMap('links').set('L2', m) }],
    ['a link reconnected to a bad id', (c) => (c.getMap('links').get('L') as Y.Map<unknown>).set('to', 'x'.repeat(65))]
  ]
  it.each(refusedAsShape)('refuses %s', (_what, change) => {
    expect(review('brand', change)).toBe('shape')
  })

  it('refuses the whole update when any part of it breaks a rule', () => {
    expect(
      review('customer', (c) => {
        c.getMap('concepts').set('C', concept('fine'))
        conceptOf(c, 'A').set('x', Number.NaN)
      })
    ).toBe('shape')
  })

  it('allows removing an optional field and writing a field back unchanged', () => {
    const docs = board()
    expect(review('brand', (c) => conceptOf(c, 'A').set('color', '#000000'), { docs })).toBeNull()
    expect(review('brand', (c) => conceptOf(c, 'A').delete('color'), { docs })).toBeNull()
    expect(review('brand', (c) => conceptOf(c, 'A').set('label', 'Delivery'), { docs })).toBeNull()
  })

  it('refuses a change inside a shared type that an old document nested in a concept', () => {
    const docs = board()
    const text = new Y.Text('old label')
    docs.server.transact(() => docs.server.getMap('concepts').set('T', conceptWith('label', text)))
    Y.applyUpdate(docs.client, Y.encodeStateAsUpdate(docs.server, Y.encodeStateVector(docs.client)))
    expect(review('brand', (c) => ((c.getMap('concepts').get('T') as Concept).get('label') as Y.Text).insert(0, 'x'), { docs })).toBe('shape')
  })
})

describe('boardPolicy: a board holds at most CONTENT_LIMITS concepts', () => {
  const full = () => {
    const docs = board()
    docs.server.transact(() => {
      const concepts = docs.server.getMap('concepts')
      for (let i = concepts.size; i < CONTENT_LIMITS.maxConcepts; i++) concepts.set(`c${i}`, concept(`${i}`))
    })
    return docs
  }

  it('refuses one more concept on a full board, but not a replaced one, nor one after a delete', () => {
    expect(review('brand', (c) => c.getMap('concepts').set('C', concept('one too many')), { docs: full() })).toBe('limit')
    expect(review('brand', (c) => c.getMap('concepts').set('A', concept('replaced')), { docs: full() })).toBeNull()
    const docs = full()
    docs.server.getMap('concepts').delete('c100')
    // More keys were ever used than the limit: the entries are counted.
    expect(review('brand', (c) => c.getMap('concepts').set('D', concept('fits again')), { docs })).toBeNull()
    expect(review('brand', (c) => c.getMap('concepts').set('E', concept('one too many again')), { docs })).toBe('limit')
  })
})

function conceptWith(key: string, value: unknown): Concept {
  const m = concept('x')
  m.set(key, value)
  return m
}
