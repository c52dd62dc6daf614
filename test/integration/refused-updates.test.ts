import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CONTENT_LIMITS } from '../../shared/schema/element-fields'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { parsePrometheusText, sampleValue } from '../support/prometheus-text'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
const clients: StockClient[] = []

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

async function join(boardId: string, role: 'facilitator' | 'brand' | 'customer' | 'viewer', opts: { connect?: boolean } = {}): Promise<StockClient> {
  const c = stockClient(server.wsUrl, boardId, (await server.invite(boardId, role)).token, opts)
  clients.push(c)
  return c
}

const patch = (id: string, body: object) => server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify(body) })
const concept = (c: StockClient, id: string) => c.doc.getMap('concepts').get(id) as Y.Map<unknown> | undefined
const history = async (id: string) => ((await (await server.api(`/api/boards/${id}/history`)).json()) as { events: Array<{ kind: string; element: unknown }> }).events
const refusedTotal = async (reason: string) => sampleValue(parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text()), 'cg_sync_updates_refused_total', { reason })

/** Everyone hears the facilitator's next edit: every update sent before it has been handled by then. */
async function roundTrip(facilitator: StockClient, others: StockClient[], id: string): Promise<void> {
  addConcept(facilitator.doc, id, 'marker')
  await waitFor(() => others.every((c) => concept(c, id) !== undefined), 5000, `${id} everywhere`)
}

describe('a locked board', () => {
  it('refuses a brand’s create, relabel and delete: nobody else sees them, the author’s doc and store are reverted, and its later edits apply', async () => {
    const { id } = await server.createBoard()
    const facilitator = await join(id, 'facilitator')
    const brand = await join(id, 'brand')
    const witness = await join(id, 'viewer')
    await Promise.all([synced(facilitator), synced(brand), synced(witness)])
    addConcept(facilitator.doc, 'A', 'A customer’s idea', 10, 20)
    addConcept(facilitator.doc, 'B', 'Another idea', 30, 40)
    await waitFor(() => concept(brand, 'B') !== undefined && concept(witness, 'B') !== undefined, 5000, 'the starting map')
    const start = mapOf(witness.doc)
    const eventsBefore = (await history(id)).length
    const lockedBefore = await refusedTotal('locked')
    // The witness's map after every change it hears: a refused edit must never show, not even briefly.
    const seen: string[] = []
    witness.doc.on('afterTransaction', () => seen.push(mapOf(witness.doc)))

    expect((await patch(id, { locked: true })).status).toBe(200)
    addConcept(brand.doc, 'b1', 'created while locked')
    concept(brand, 'A')!.set('label', 'relabelled while locked')
    brand.doc.getMap('concepts').delete('B')
    // What the brand's local store (y-indexeddb) holds if the tab closes now, before the server answers.
    const stored = Y.encodeStateAsUpdate(brand.doc)
    const sentAt = Date.now()
    await waitFor(() => mapOf(brand.doc) === start, 1000, 'the author’s doc to show the revert within a second')
    expect(Date.now() - sentAt).toBeLessThan(1000)
    await waitFor(() => brand.permissionDenied.length === 3, 2000, 'three refusals')
    expect(brand.permissionDenied).toEqual(['locked', 'locked', 'locked'])
    expect(concept(brand, 'B')!.get('label')).toBe('Another idea')

    await roundTrip(facilitator, [brand, witness], 'f1')
    const withMarker = mapOf(witness.doc)
    expect(mapOf(brand.doc)).toBe(withMarker)
    expect(seen.some((m) => m.includes('while locked') || !m.includes('Another idea'))).toBe(false)
    // No element event: history and metrics see nothing of it (the facilitator's marker is the one new event).
    expect((await history(id)).length).toBe(eventsBefore + 1)
    expect(await refusedTotal('locked')).toBe(lockedBefore + 3)

    expect((await patch(id, { locked: false })).status).toBe(200)
    concept(brand, 'A')!.set('label', 'after unlock')
    await waitFor(() => concept(witness, 'A')!.get('label') === 'after unlock', 5000, 'the author’s edit after unlock')
    expect(brand.permissionDenied).toHaveLength(3)
    const events = await history(id)
    expect(events.slice(eventsBefore + 1).map((e) => e.kind)).toEqual(['relabel'])

    // The author comes back with what its store held: the refused change does not come back with it.
    const returning = await join(id, 'brand', { connect: false })
    Y.applyUpdate(returning.doc, stored)
    returning.provider.connect()
    await synced(returning)
    await roundTrip(facilitator, [brand, witness, returning], 'f2')
    expect(mapOf(returning.doc)).toBe(mapOf(witness.doc))
    expect(concept(returning, 'b1')).toBeUndefined()
    expect(concept(returning, 'B')!.get('label')).toBe('Another idea')
    expect(mapOf(brand.doc)).toBe(mapOf(witness.doc))
    expect(seen.some((m) => m.includes('while locked'))).toBe(false)
  })

  it('answers nobody’s empty first sync with a refusal: opening a locked board is no error', async () => {
    const { id } = await server.createBoard()
    const facilitator = await join(id, 'facilitator')
    await synced(facilitator)
    expect((await patch(id, { locked: true })).status).toBe(200)
    const brand = await join(id, 'brand')
    const customer = await join(id, 'customer')
    const viewer = await join(id, 'viewer')
    await Promise.all([synced(brand), synced(customer), synced(viewer)])
    // Each one's sync step 2 (empty) was handled before the facilitator's edit reached them.
    await roundTrip(facilitator, [brand, customer, viewer], 'f1')
    expect([brand.permissionDenied, customer.permissionDenied, viewer.permissionDenied]).toEqual([[], [], []])
  })
})

describe('what a writer may change', () => {
  it('only a facilitator writes meta, and no client writes the stream', async () => {
    const { id } = await server.createBoard('The title')
    const facilitator = await join(id, 'facilitator')
    const brand = await join(id, 'brand')
    const witness = await join(id, 'viewer')
    await Promise.all([synced(facilitator), synced(brand), synced(witness)])
    const title = (c: StockClient) => c.doc.getMap('meta').get('title')

    brand.doc.getMap('meta').set('title', 'Taken over')
    await waitFor(() => brand.permissionDenied.length === 1, 3000, 'the meta refusal')
    expect(brand.permissionDenied).toEqual(['meta-facilitator-only'])
    await waitFor(() => title(brand) === 'The title', 1000, 'the brand’s title reverted')

    const item = new Y.Map<unknown>()
    item.set('text', 'a forged customer quote')
    brand.doc.getMap('stream').set('forged', item)
    facilitator.doc.getMap('stream').set('forged-too', new Y.Map())
    await waitFor(() => brand.permissionDenied.length === 2 && facilitator.permissionDenied.length === 1, 3000, 'the stream refusals')
    expect([brand.permissionDenied[1], facilitator.permissionDenied[0]]).toEqual(['stream-server-only', 'stream-server-only'])

    facilitator.doc.getMap('meta').set('title', 'Renamed by the facilitator')
    await waitFor(() => title(witness) === 'Renamed by the facilitator' && title(brand) === 'Renamed by the facilitator', 3000, 'the facilitator’s title')
    await roundTrip(facilitator, [brand, witness], 'f1')
    for (const c of [facilitator, brand, witness]) expect(c.doc.getMap('stream').size).toBe(0)
    expect(facilitator.permissionDenied).toHaveLength(1)
  })

  it('refuses entries that break the schema, then keeps accepting the same client’s good edits', async () => {
    const { id } = await server.createBoard()
    const facilitator = await join(id, 'facilitator')
    const customer = await join(id, 'customer')
    const witness = await join(id, 'viewer')
    await Promise.all([synced(facilitator), synced(customer), synced(witness)])
    addConcept(customer.doc, 'A', 'Fine', 1, 2)
    await waitFor(() => concept(witness, 'A') !== undefined, 3000, 'a good concept')
    const shapeBefore = await refusedTotal('shape')
    const a = () => concept(customer, 'A')!
    const withField = (key: string, value: unknown) => () => {
      const m = new Y.Map<unknown>()
      m.set('label', 'x')
      m.set('x', 0)
      m.set('y', 0)
      m.set(key, value)
      customer.doc.getMap('concepts').set('bad', m)
    }
    const attempts: Array<() => void> = [
      () => a().set('x', 1e308),
      () => a().set('y', Number.NaN),
      () => a().set('x', Number.POSITIVE_INFINITY),
      () => a().set('label', 42),
      () => a().set('label', 'x'.repeat(CONTENT_LIMITS.maxLabelLength + 1)),
      () => a().set('onclick', 'alert(1)'),
      withField('label', new Y.Text('nested')),
      withField('evil', true),
      () => customer.doc.getMap('concepts').set('junk', 'not a map'),
      () => customer.doc.getMap('schema-v2').set('anything', 1),
      () => customer.doc.getArray('extra').push(['x'])
    ]
    for (const [n, attempt] of attempts.entries()) {
      customer.doc.transact(attempt)
      await waitFor(() => customer.permissionDenied.length === n + 1, 3000, `refusal ${n}`)
    }
    expect(new Set(customer.permissionDenied)).toEqual(new Set(['shape']))
    expect(await refusedTotal('shape')).toBe(shapeBefore + attempts.length)

    a().set('label', 'Still editing')
    await waitFor(() => concept(witness, 'A')!.get('label') === 'Still editing', 3000, 'the next good edit')
    await roundTrip(facilitator, [customer, witness], 'f1')
    expect(mapOf(customer.doc)).toBe(mapOf(witness.doc))
    expect(concept(witness, 'A')!.toJSON()).toEqual({ label: 'Still editing', x: 1, y: 2 })
    // The refused structs are in every document (Yjs never drops a struct), deleted: nothing shows.
    expect([witness.doc.getMap('schema-v2').size, witness.doc.getArray('extra').length, witness.doc.getMap('concepts').size]).toEqual([0, 0, 2])
    expect(customer.permissionDenied).toHaveLength(attempts.length)
  })

  it('refuses a concept over the board’s limit', async () => {
    const concepts = Array.from({ length: CONTENT_LIMITS.maxConcepts }, (_, i) => ({ id: `c${i}`, label: `Concept ${i}`, x: i % 200, y: Math.floor(i / 200) }))
    const res = await server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ title: 'Full', concepts, links: [] }) })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const brand = await join(id, 'brand')
    await synced(brand, 15_000)
    expect(brand.doc.getMap('concepts').size).toBe(CONTENT_LIMITS.maxConcepts)
    addConcept(brand.doc, 'one-too-many', 'over the limit')
    await waitFor(() => brand.permissionDenied.length === 1, 5000, 'the limit refusal')
    expect(brand.permissionDenied).toEqual(['limit'])
    await waitFor(() => concept(brand, 'one-too-many') === undefined, 3000, 'the revert')
    // Making room makes the next one fit.
    brand.doc.getMap('concepts').delete('c0')
    addConcept(brand.doc, 'fits', 'fits now')
    const late = await join(id, 'viewer')
    await waitFor(() => concept(late, 'fits') !== undefined, 15_000, 'the concept that fits')
    expect(late.doc.getMap('concepts').size).toBe(CONTENT_LIMITS.maxConcepts)
    expect(brand.permissionDenied).toHaveLength(1)
  }, 60_000)
})
