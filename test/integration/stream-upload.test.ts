import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildReportCsv, CSV_COLUMNS, parseCsv } from '../../shared/report/report-csv'
import type { ReportData } from '../../shared/report/report-data'
import { STREAM_LIMITS } from '../../shared/stream/stream-item'
import { addConcept, addLink, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
const clients: StockClient[] = []
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

async function join(boardId: string, role: 'facilitator' | 'brand' | 'customer' | 'viewer'): Promise<StockClient> {
  const c = stockClient(server.wsUrl, boardId, (await server.invite(boardId, role)).token)
  clients.push(c)
  await synced(c)
  return c
}

const upload = (id: string, format: string, body: string | Uint8Array, token?: string) =>
  server.api(`/api/boards/${id}/stream?format=${format}`, {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'content-type': 'text/plain' },
    ...(token ? { token } : {})
  })

const streamOf = (c: StockClient) => c.doc.getMap<Y.Map<unknown>>('stream')
const texts = (c: StockClient) => [...streamOf(c).values()].map((m) => m.get('text')).sort()

const REVIEWS =
  '\uFEFFtext,author,source,at,url\r\n' +
  '"Delivery was late, again.",Ana,Trustpilot,2026-03-02T09:15:00Z,https://www.trustpilot.com/r/1\r\n' +
  '"The app is ""great""\r\nwhen it works",Jo,Trustpilot,2026-03-03,https://www.trustpilot.com/r/2\r\n' +
  '"Delivery was late, again.",Someone else,Trustpilot,,https://www.trustpilot.com/r/1\r\n' +
  ',nobody,Trustpilot,,\r\n'

describe('POST /api/boards/:id/stream', () => {
  it('writes the items through the room: live clients see them, identical items are added once, and the stream outlives a restart', async () => {
    const { id } = await server.createBoard()
    const facilitator = await server.invite(id, 'facilitator')
    const customer = await join(id, 'customer')

    const res = await upload(id, 'csv', REVIEWS, facilitator.token)
    expect(res.status).toBe(201)
    // Four data rows: two new, one identical to the first (same text, source, url), one without text.
    expect(await res.json()).toEqual({ added: 2, skipped: 2, total: 2, shortened: 0 })
    await waitFor(() => streamOf(customer).size === 2, 3000, 'the stream at the customer')
    expect(texts(customer)).toEqual(['Delivery was late, again.', 'The app is "great"\nwhen it works'])
    const first = [...streamOf(customer).values()].find((m) => m.get('author') === 'Ana')!
    expect(first.toJSON()).toEqual({ text: 'Delivery was late, again.', author: 'Ana', source: 'Trustpilot', at: '2026-03-02T09:15:00.000Z', url: 'https://www.trustpilot.com/r/1' })

    // The same file again adds nothing; another format adds to the same stream.
    expect(await (await upload(id, 'csv', REVIEWS, facilitator.token)).json()).toEqual({ added: 0, skipped: 4, total: 2, shortened: 0 })
    const jsonl = '{"text":"Why no dark mode?","source":"Reddit"}\n{"text":"Delivery was late, again.","source":"Trustpilot","url":"https://www.trustpilot.com/r/1"}\n'
    expect(await (await upload(id, 'jsonl', jsonl)).json()).toEqual({ added: 1, skipped: 1, total: 3, shortened: 0 })
    await waitFor(() => streamOf(customer).size === 3, 3000, 'the admin’s item at the customer')

    // Journaled like any server write: a restarted server still has it.
    server = await server.restart()
    const later = await join(id, 'viewer')
    expect(texts(later)).toEqual(['Delivery was late, again.', 'The app is "great"\nwhen it works', 'Why no dark mode?'])
  })

  it('refuses an unreadable file with the reason and adds nothing; 413 past 5 MiB; an unknown format is a 400', async () => {
    const { id } = await server.createBoard()
    await upload(id, 'txt', 'one\ntwo\n')
    const viewer = await join(id, 'viewer')
    const refusals: Array<[string, string | Uint8Array, number, string]> = [
      ['csv', 'text\nfine\n"never closed\n', 400, 'not-csv'],
      ['csv', 'comment\nhello\n', 400, 'no-text-column'],
      ['jsonl', '{"text":"fine"}\nnot json\n', 400, 'not-jsonl'],
      ['rss', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>', 400, 'forbidden-dtd'],
      ['txt', new Uint8Array([0x6f, 0x6b, 0x0a, 0xff, 0xfe, 0xfd]), 400, 'bad-encoding'],
      ['txt', 'x'.repeat(STREAM_LIMITS.maxBytes + 1), 413, 'too-large'],
      ['pdf', 'hello', 400, 'unknown-format']
    ]
    for (const [format, body, status, reason] of refusals) {
      const res = await upload(id, format, body)
      expect([format, res.status, ((await res.json()) as { reason: string }).reason]).toEqual([format, status, reason])
    }
    const full = await upload(id, 'txt', Array.from({ length: STREAM_LIMITS.maxItems - 1 }, (_, i) => `item ${i}`).join('\n'))
    expect(full.status).toBe(400)
    expect(((await full.json()) as { reason: string }).reason).toBe('too-many-items')
    const ok = await upload(id, 'txt', 'three\n')
    expect(await ok.json()).toEqual({ added: 1, skipped: 0, total: 3, shortened: 0 })
    await waitFor(() => streamOf(viewer).size === 3, 3000, 'the one good upload')
  })

  it('is for the board’s facilitator or an admin only', async () => {
    const { id } = await server.createBoard()
    const other = await server.createBoard()
    for (const role of ['brand', 'customer', 'viewer'] as const) {
      expect((await upload(id, 'txt', 'hi\n', (await server.invite(id, role)).token)).status).toBe(403)
    }
    // Another board's people: its facilitator, and a participant of it.
    for (const role of ['facilitator', 'customer'] as const) {
      expect((await upload(id, 'txt', 'hi\n', (await server.invite(other.id, role)).token)).status).toBe(403)
    }
    expect((await upload(id, 'txt', 'hi\n', 'not-a-token')).status).toBe(401)
    expect((await upload('nope', 'txt', 'hi\n')).status).toBe(404)
  })

  it('refuses a stock client that edits an uploaded item, and nobody else sees the edit', async () => {
    const { id } = await server.createBoard()
    await upload(id, 'txt', 'an honest review\n')
    const brand = await join(id, 'brand')
    const witness = await join(id, 'viewer')
    const item = [...streamOf(brand).values()][0]!
    item.set('text', 'a review the brand would prefer')
    await waitFor(() => brand.permissionDenied.length === 1, 3000, 'the refusal')
    expect(brand.permissionDenied).toEqual(['stream-server-only'])
    await upload(id, 'txt', 'a second review\n')
    await waitFor(() => streamOf(witness).size === 2, 3000, 'the second upload')
    expect(texts(witness)).toEqual(['a second review', 'an honest review'])
  })
})

describe('metrics.stream through GET …/metrics', () => {
  it('equals the extension’s worked example built by real clients, now and at an earlier moment', async () => {
    const { id } = await server.createBoard()
    await upload(id, 'txt', 'first item\nsecond item\nthird item\n')
    const b1 = await join(id, 'brand')
    const b2 = await join(id, 'brand')
    const u1 = await join(id, 'customer')
    const witness = await join(id, 'viewer')
    const ids = new Map([...streamOf(witness).entries()].map(([k, m]) => [m.get('text') as string, k]))
    const s1 = ids.get('first item')!
    const s2 = ids.get('second item')!
    const fromItem = (c: StockClient, cid: string, origin: string) =>
      c.doc.transact(() => {
        addConcept(c.doc, cid, cid)
        ;(c.doc.getMap('concepts').get(cid) as Y.Map<unknown>).set('origin', origin)
      })
    const seen = (n: number) => waitFor(() => witness.doc.getMap('concepts').size + witness.doc.getMap('links').size === n, 3000, `${n} elements`)
    fromItem(b1, 'c1', s1)
    await seen(1)
    addConcept(u1.doc, 'c2', 'c2')
    await seen(2)
    fromItem(u1, 'c3', s2)
    await seen(3)
    addConcept(b2.doc, 'c4', 'c4')
    await seen(4)
    const before = Date.now()
    await new Promise((r) => setTimeout(r, 20))
    addLink(u1.doc, 'l1', 'c1', 'c2', 'rel')
    addLink(u1.doc, 'l2', 'c2', 'c3', 'rel')
    addLink(b2.doc, 'l3', 'c2', 'c4', 'rel')
    await seen(7)
    const metrics = async (query = '') => ((await (await server.api(`/api/boards/${id}/metrics${query}`)).json()) as { metrics: { stream: unknown } }).metrics.stream
    expect(await metrics()).toEqual({ harvest: 0.5, beyond: 1 / 3, coverage: 2 / 3, harvestByGroup: { B: 0.5, U: 0.5 } })
    // Before the links: no proposition yet; the same harvest.
    expect(await metrics(`?at=${before}`)).toEqual({ harvest: 0.5, beyond: null, coverage: 2 / 3, harvestByGroup: { B: 0.5, U: 0.5 } })

    // The report's CSV (built by the report page from GET …/report) carries the same figures, one metric row each.
    const report = (await (await server.api(`/api/boards/${id}/report`)).json()) as ReportData
    const rows = parseCsv(buildReportCsv(report)).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] ?? ''])))
    const streamRows = rows.filter((r) => r.section === 'metric' && r.source === 'profile' && r.key!.startsWith('stream.'))
    expect(Object.fromEntries(streamRows.map((r) => [r.key, Number(r.value)]))).toEqual({
      'stream.harvest': 0.5,
      'stream.beyond': 1 / 3,
      'stream.coverage': 2 / 3,
      'stream.harvestByGroup.B': 0.5,
      'stream.harvestByGroup.U': 0.5
    })
    expect(streamRows.every((r) => r.at === String(report.at))).toBe(true)
  })
})
