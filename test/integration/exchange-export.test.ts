import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_FORMATS, EXPORT_MEDIA } from '../../shared/exchange/index'
import { snapshotFiles } from '../../server/store/embedded/snapshot-files'
import { addConcept, addLink, stockClient, synced, type StockClient } from '../support/clients'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'
import { expectWellFormedXml } from '../unit/exchange/support'

let server: TestServer
/** The server's time: a moment between two edits is made by moving it on, not by sleeping. */
const clock = new ManualClock()
const clients: StockClient[] = []
beforeAll(async () => {
  server = await startTestServer({ clock })
})
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

const HOSTILE = `<script>alert("x")</script> & 'quotes' "too" ]]> &amp;`

/** A board whose map a stock client built, once the server holds it all. */
async function boardWith(title: string, build: (c: StockClient) => void, expected: { concepts: number; links: number }) {
  const { id } = await server.createBoard(title, `Why ${title}?`)
  const client = stockClient(server.wsUrl, id, (await server.invite(id, 'brand')).token)
  clients.push(client)
  await synced(client)
  build(client)
  let last = { concepts: 0, links: 0 }
  for (let i = 0; i < 250; i++) {
    const map = (await (await server.api(`/api/boards/${id}/map`)).json()) as { concepts: unknown[]; links: unknown[] }
    last = { concepts: map.concepts.length, links: map.links.length }
    if (last.concepts === expected.concepts && last.links === expected.links) break
    await new Promise((r) => setTimeout(r, 20))
  }
  expect(last).toEqual(expected)
  return id
}

const exportOf = (id: string, query: string, token?: string) =>
  server.api(`/api/boards/${id}/export?${query}`, token ? { token } : {})

/** Width and height from a PNG's IHDR chunk. */
function pngDimensions(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

const parseXml = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, processEntities: false, allowBooleanAttributes: true }).parse(xml) as Record<string, unknown>

describe('GET /api/boards/:id/export', () => {
  let hostileId: string
  beforeAll(async () => {
    hostileId = await boardWith(HOSTILE, (c) => {
      addConcept(c.doc, 'a', HOSTILE, 0, 0)
      addConcept(c.doc, 'b', 'Ben & Jerry\'s "best"', 300, 150)
      addConcept(c.doc, 'c', '<img src=x onerror=alert(1)>', -200, 200)
      addLink(c.doc, 'l1', 'a', 'b', '<b>makes</b> & "says"')
      addLink(c.doc, 'l2', 'b', 'c', "it's <script>")
    }, { concepts: 3, links: 2 })
  })

  it('serves every format with its type, an attachment name and the safety headers', async () => {
    for (const format of EXPORT_FORMATS) {
      const res = await exportOf(hostileId, `format=${format}`)
      expect(res.status, format).toBe(200)
      expect(res.headers.get('content-type')).toBe(EXPORT_MEDIA[format].type)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'; style-src 'unsafe-inline'")
      expect(res.headers.get('cache-control')).toBe('no-store')
      const disposition = res.headers.get('content-disposition')!
      expect(disposition).toMatch(new RegExp(`^attachment; filename="[A-Za-z0-9 ._-]+\\.${EXPORT_MEDIA[format].extension}"; filename\\*=UTF-8''`))
      // The exact title goes percent-encoded: nothing in it can end the header value.
      expect(disposition.split("filename*=UTF-8''")[1]).toMatch(/^[A-Za-z0-9%._~!$&+^`|-]+$/)
      await res.arrayBuffer()
    }
  })

  it('keeps hostile labels well-formed and inert in every export', async () => {
    const text = async (format: string) => {
      const res = await exportOf(hostileId, `format=${format}`)
      expect(res.status).toBe(200)
      return res.text()
    }
    for (const format of ['svg', 'cxl', 'graphml'] as const) {
      const xml = await text(format)
      expectWellFormedXml(xml)
      expect(xml).not.toMatch(/<script|<img|<b>/i)
      // The labels survive as text: parsed back, they are exactly what was typed.
      expect(xml).toContain('&lt;script&gt;')
    }
    const svg = parseXml(await text('svg'))
    expect(svg.svg).toBeDefined()
    const graphml = parseXml(await text('graphml'))
    expect(graphml.graphml).toBeDefined()

    const json = await text('json')
    expect(json).not.toMatch(/[<>&]/)
    const file = JSON.parse(json) as { meta: { title: string; boardId: string }; concepts: Array<{ label: string }>; links: Array<{ label: string }> }
    expect(file.meta.title).toBe(HOSTILE)
    expect(file.meta.boardId).toBe(hostileId)
    expect(file.concepts.map((c) => c.label).sort()).toEqual([HOSTILE, '<img src=x onerror=alert(1)>', 'Ben & Jerry\'s "best"'].sort())

    const mermaid = await text('mermaid')
    expect(mermaid).not.toMatch(/[<>&"]script|<img|<b>/i)
    expect(mermaid).toMatch(/^---\ntitle: /)
    // Plain text is verbatim by design: inert because it is served as text/plain with nosniff.
    const txt = await text('txt')
    expect(txt.trim().split('\n')).toEqual([
      `${HOSTILE} — <b>makes</b> & "says" → Ben & Jerry's "best"`,
      `Ben & Jerry's "best" — it's <script> → <img src=x onerror=alert(1)>`
    ])
  })

  it('names the file after the title, ASCII-safe with the exact title in filename*', async () => {
    const id = await boardWith('Café "Plan" / 2025', (c) => addConcept(c.doc, 'a', 'One'), { concepts: 1, links: 0 })
    const res = await exportOf(id, 'format=txt')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Cafe_Plan_2025.txt"; filename*=UTF-8''${encodeURIComponent('Café "Plan" 2025.txt')}`
    )
  })

  it('renders PNG whose pixel size follows the scale', async () => {
    const svg = await (await exportOf(hostileId, 'format=svg')).text()
    const root = /<svg\b[^>]*\swidth="(\d+)" height="(\d+)"/.exec(svg)!
    const [w, h] = [Number(root[1]), Number(root[2])]
    for (const scale of [1, 2, 0.5, 0.25]) {
      const res = await exportOf(hostileId, `format=png&scale=${scale}`)
      expect(res.status, `scale ${scale}`).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      const size = pngDimensions(new Uint8Array(await res.arrayBuffer()))
      expect(size).toEqual({ width: Math.ceil(w * scale), height: Math.ceil(h * scale) })
    }
    for (const scale of ['0', '5', 'big', '-1', '0.2']) {
      const res = await exportOf(hostileId, `format=png&scale=${scale}`)
      expect(res.status, `scale ${scale}`).toBe(400)
    }
  })

  it('refuses a PNG larger than 8192 pixels a side, saying why', async () => {
    const id = await boardWith('Far apart', (c) => {
      addConcept(c.doc, 'a', 'Here', 0, 0)
      addConcept(c.doc, 'b', 'There', 200_000, 0)
    }, { concepts: 2, links: 0 })
    const res = await exportOf(id, 'format=png&scale=0.25')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: string; reason: string }
    expect(body.reason).toBe('image-too-large')
    expect(body.error).toMatch(/8192/)
    // The SVG of the same map is fine.
    expect((await exportOf(id, 'format=svg')).status).toBe(200)
  })

  it('lets every participant of the board export the live map, by header or ?token=', async () => {
    for (const role of ['facilitator', 'brand', 'customer', 'viewer'] as const) {
      const { token } = await server.invite(hostileId, role)
      expect((await exportOf(hostileId, 'format=json', token)).status, role).toBe(200)
      const byQuery = await fetch(`${server.url}/api/boards/${hostileId}/export?format=txt&token=${encodeURIComponent(token)}`)
      expect(byQuery.status, role).toBe(200)
    }
    const other = await server.createBoard('Other')
    const outsider = (await server.invite(other.id, 'facilitator')).token
    expect((await exportOf(hostileId, 'format=json', outsider)).status).toBe(403)
    expect((await fetch(`${server.url}/api/boards/${hostileId}/export?format=json`)).status).toBe(401)
  })

  it('checks the format, the board and the history parameters', async () => {
    expect((await exportOf(hostileId, 'format=pdf')).status).toBe(400)
    expect((await exportOf(hostileId, '')).status).toBe(400)
    expect((await exportOf('no-such-board', 'format=json')).status).toBe(404)
    expect((await exportOf(hostileId, 'format=json&at=yesterday')).status).toBe(400)
    expect((await exportOf(hostileId, 'format=json&at=1&snapshot=s1')).status).toBe(400)
    expect((await exportOf(hostileId, 'format=json&snapshot=nope')).status).toBe(404)
    expect((await exportOf(hostileId, 'format=json&snapshot=../../etc')).status).toBe(404)
  })

  it('exports the map as it stood at `at`, for facilitators and admins only', async () => {
    const { id } = await server.createBoard('History')
    const client = stockClient(server.wsUrl, id, (await server.invite(id, 'customer')).token)
    clients.push(client)
    await synced(client)
    addConcept(client.doc, 'a', 'First')
    const countNow = async () => ((await (await server.api(`/api/boards/${id}/map`)).json()) as { concepts: unknown[] }).concepts.length
    for (let i = 0; i < 200 && (await countNow()) < 1; i++) await new Promise((r) => setTimeout(r, 20))
    clock.advance(20)
    const between = clock.now()
    clock.advance(20)
    addConcept(client.doc, 'b', 'Second')
    for (let i = 0; i < 200 && (await countNow()) < 2; i++) await new Promise((r) => setTimeout(r, 20))

    const then = await exportOf(id, `format=txt&at=${between}`)
    expect(then.status).toBe(200)
    const file = JSON.parse(await (await exportOf(id, `format=json&at=${between}`)).text()) as { concepts: Array<{ label: string }> }
    expect(file.concepts.map((c) => c.label)).toEqual(['First'])
    const live = JSON.parse(await (await exportOf(id, 'format=json')).text()) as { concepts: Array<{ label: string }> }
    expect(live.concepts.map((c) => c.label).sort()).toEqual(['First', 'Second'])

    const brand = (await server.invite(id, 'brand')).token
    expect((await exportOf(id, `format=json&at=${between}`, brand)).status).toBe(403)
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await exportOf(id, `format=json&at=${between}`, facilitator)).status).toBe(200)
  })

  it('exports the map as a session left it, for facilitators and admins only', async () => {
    const { id } = await server.createBoard('Sessioned')
    const client = stockClient(server.wsUrl, id, (await server.invite(id, 'customer')).token)
    clients.push(client)
    await synced(client)
    const countNow = async () => ((await (await server.api(`/api/boards/${id}/map`)).json()) as { concepts: unknown[] }).concepts.length
    const waitCount = async (n: number) => {
      for (let i = 0; i < 200 && (await countNow()) < n; i++) await new Promise((r) => setTimeout(r, 20))
      expect(await countNow()).toBe(n)
    }
    const post = (path: string, body?: unknown) =>
      server.api(`/api/boards/${id}/sessions/${path}`, { method: 'POST', ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) })
    const labels = async (query: string) => {
      const res = await exportOf(id, `format=json&${query}`)
      expect(res.status, query).toBe(200)
      return ((JSON.parse(await res.text()) as { concepts: Array<{ label: string }> }).concepts.map((c) => c.label)).sort()
    }

    const startRes = await post('start', { name: 'Morning' })
    expect(startRes.status).toBe(201)
    const session = (await startRes.json()) as { id: string; open: boolean }
    addConcept(client.doc, 'a', 'During')
    await waitCount(1)
    // Still running: the session's map is the map now.
    expect(await labels(`session=${session.id}`)).toEqual(['During'])
    clock.advance(20)
    expect((await post('end')).status).toBe(200)
    clock.advance(20)
    addConcept(client.doc, 'b', 'After')
    await waitCount(2)

    const res = await exportOf(id, `format=txt&session=${session.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Sessioned - Morning\.txt"/)
    await res.arrayBuffer()
    expect(await labels(`session=${session.id}`)).toEqual(['During'])
    expect(await labels('')).toEqual(['After', 'During'])

    expect((await exportOf(id, 'format=json&session=nope')).status).toBe(404)
    expect((await exportOf(id, `format=json&session=${session.id}&at=1`)).status).toBe(400)
    expect((await exportOf(id, `format=json&session=${session.id}&snapshot=s1`)).status).toBe(400)
    const brand = (await server.invite(id, 'brand')).token
    expect((await exportOf(id, `format=json&session=${session.id}`, brand)).status).toBe(403)
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await exportOf(id, `format=json&session=${session.id}`, facilitator)).status).toBe(200)
  })

  it('exports a snapshot by id, for facilitators and admins only', async () => {
    const { id } = await server.createBoard('Snapshotted', 'What stays?')
    // The snapshot service is another issue's; its files are plain files, so write one directly.
    await snapshotFiles(join(server.dataDir, 'boards')).create({
      id: 'snap1',
      boardId: id,
      name: 'Workshop end',
      at: 1_700_000_000_000,
      seq: 1,
      kind: 'manual',
      createdAt: 1_700_000_000_000,
      metrics: null,
      map: {
        title: 'Snapshotted',
        focusQuestion: 'What stays?',
        concepts: [{ id: 'x', label: 'Kept <idea>', x: 10, y: 20 }, { id: 'y', label: 'Other', x: 200, y: 20 }],
        links: [{ id: 'k', from: 'x', to: 'y', label: 'joins' }]
      }
    })
    const res = await exportOf(id, 'format=txt&snapshot=snap1')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('Kept <idea> — joins → Other\n')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Snapshotted - Workshop end\.txt"/)
    const cxl = await (await exportOf(id, 'format=cxl&snapshot=snap1')).text()
    expectWellFormedXml(cxl)
    expect(cxl).toContain('<dc:description>What stays?</dc:description>')
    expect(cxl).toContain(new Date(1_700_000_000_000).toISOString().slice(0, 10))

    const viewer = (await server.invite(id, 'viewer')).token
    expect((await exportOf(id, 'format=txt&snapshot=snap1', viewer)).status).toBe(403)
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await exportOf(id, 'format=txt&snapshot=snap1', facilitator)).status).toBe(200)
  })

  it("gives each element its creator's group from the derived history, as of the export's moment", async () => {
    const id = await boardWith('Creators', (c) => addConcept(c.doc, 'fromBrand', 'Price', 0, 0), { concepts: 1, links: 0 })
    const customer = stockClient(server.wsUrl, id, (await server.invite(id, 'customer')).token)
    const facilitator = stockClient(server.wsUrl, id, (await server.invite(id, 'facilitator')).token)
    clients.push(customer, facilitator)
    await Promise.all([synced(customer), synced(facilitator)])
    const beforeCustomer = clock.now()
    clock.advance(5)
    addConcept(customer.doc, 'fromCustomer', 'Trust', 100, 0)
    addLink(customer.doc, 'said', 'fromCustomer', 'fromBrand', 'needs')
    addConcept(facilitator.doc, 'fromFacilitator', 'Note', 200, 0)
    type FileConcept = { id: string; creatorGroup?: string }
    const groups = async (query = '') => {
      const file = (await (await exportOf(id, `format=json${query}`)).json()) as { concepts: FileConcept[]; links: FileConcept[] }
      return Object.fromEntries([...file.concepts, ...file.links].map((e) => [e.id, e.creatorGroup ?? null]))
    }
    let now: Record<string, string | null> = {}
    for (let i = 0; i < 250 && Object.keys(now).length < 4; i++) {
      now = await groups()
      if (Object.keys(now).length < 4) await new Promise((r) => setTimeout(r, 20))
    }
    expect(now).toEqual({ fromBrand: 'B', fromCustomer: 'U', said: 'U', fromFacilitator: null })
    expect(await groups(`&at=${beforeCustomer}`)).toEqual({ fromBrand: 'B' })
  })
})
