import type { ImportedBoard } from '../../shared/api/boards'
import { existsSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import type * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardMap, Concept } from '../../shared/schema/board-map'
import { addConcept, addLink, stockClient, synced, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'
import { expectWellFormedXml, normalized } from '../unit/exchange/support'
import { REAL_CXL } from '../support/shared-fixtures'

// CI clones the repo with the steering repo's shared/ beside it; the real file lives there.
const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)))

let server: TestServer
const clients: StockClient[] = []
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})


const importFile = (format: string, body: string | Uint8Array, query = '', token?: string) =>
  server.api(`/api/boards/import?format=${format}${query}`, {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'content-type': format === 'json' ? 'application/json' : 'application/xml' },
    ...(token ? { token } : {})
  })

async function imported(format: string, body: string | Uint8Array, query = ''): Promise<ImportedBoard> {
  const res = await importFile(format, body, query)
  const reply = (await res.json()) as ImportedBoard
  expect(res.status, JSON.stringify(reply)).toBe(201)
  return reply
}

/** The live map of a board, as GET /map serves it. */
const liveMap = async (id: string) => (await (await server.api(`/api/boards/${id}/map`)).json()) as BoardMap
const exported = async (id: string, format: string) => {
  const res = await server.api(`/api/boards/${id}/export?format=${format}`)
  expect(res.status).toBe(200)
  return res.text()
}
/**
 * POSTs raw chunks with node:http, which (unlike fetch) still reports the server's early answer
 * when the server stops reading an oversized body and closes the socket mid-upload.
 */
function postRaw(path: string, chunks: Uint8Array[], declareLength: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + c.byteLength, 0)
    const req = request(`${server.url}${path}`, {
      // A connection of its own: an early 413 arrives while the body is still being written, and
      // Node's keep-alive agent would hand that busy socket to the next request (a "socket hang up").
      agent: false,
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        'content-type': 'application/octet-stream',
        ...(declareLength ? { 'content-length': String(length) } : { 'transfer-encoding': 'chunked' })
      }
    })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    // A reset after the answer arrived is expected; one before it is a failure.
    req.on('error', (err) => setTimeout(() => reject(err), 200))
    const write = (i: number): void => {
      if (i === chunks.length) return void req.end()
      if (req.write(chunks[i])) write(i + 1)
      else req.once('drain', () => write(i + 1))
    }
    write(0)
  })
}
const boardCount = async () => ((await (await server.api('/api/boards')).json()) as { boards: unknown[] }).boards.length
const mapOnly = ({ concepts, links }: BoardMap) => normalized({ title: '', focusQuestion: '', concepts, links })
/** Positions relative to the first concept by id, so maps equal up to a translation compare equal. */
function translated(m: BoardMap): BoardMap {
  const origin = m.concepts[0] ?? { x: 0, y: 0 }
  return { ...m, concepts: m.concepts.map((c) => ({ ...c, x: c.x - origin.x, y: c.y - origin.y })) }
}
const withoutSizes = (m: BoardMap) => mapOnly({ ...m, concepts: m.concepts.map(({ w: _w, h: _h, ...c }): Concept => c) })

describe('POST /api/boards/import', () => {
  it('imports the real CmapTools file: 10 concepts, 11 propositions after fan-out, positions kept', async () => {
    if (!existsSync(REAL_CXL)) throw new Error(`the real CmapTools fixture is missing: ${REAL_CXL} (shared/ must sit beside the repo)`)
    const reply = await imported('cxl', readFileSync(REAL_CXL))
    expect(reply).toMatchObject({ concepts: 10, links: 11, title: 'Cmap_No_categories' })
    expect(reply.url).toBe(`${server.url}/b/${reply.id}`)
    expect(Object.values(reply.dropped).every((n) => n === 0)).toBe(true)

    const map = await liveMap(reply.id)
    expect(map.title).toBe('Cmap_No_categories')
    expect(map.concepts).toHaveLength(10)
    expect(map.links).toHaveLength(11)
    expect(map.concepts.find((c) => c.label === 'Entrepreneurial Mindset')).toMatchObject({ x: expect.any(Number), y: expect.any(Number) })
    expect(new Set(map.concepts.map((c) => `${c.x},${c.y}`)).size).toBe(10)

    // Re-exported and imported again, it is the same map.
    const cxl = await exported(reply.id, 'cxl')
    expectWellFormedXml(cxl)
    const again = await imported('cxl', cxl)
    expect(mapOnly(await liveMap(again.id))).toEqual(mapOnly(map))
    expect(again.title).toBe('Cmap_No_categories')

    // And it draws.
    const png = await server.api(`/api/boards/${reply.id}/export?format=png&scale=2`)
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect((await png.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    expectWellFormedXml(await exported(reply.id, 'svg'))
  })

  describe('round trips through the server', () => {
    let sourceId: string
    let source: BoardMap
    beforeAll(async () => {
      const { id } = await server.createBoard('Round & <trip>', 'Does "it" survive?')
      sourceId = id
      // One concept made from a customer-voice item: its `origin` is part of the map.
      const upload = await server.api(`/api/boards/${id}/stream?format=txt`, { method: 'POST', body: 'Cafés are for owners\n', headers: { 'content-type': 'text/plain' } })
      expect(upload.status).toBe(201)
      const client = stockClient(server.wsUrl, id, (await server.invite(id, 'facilitator')).token)
      clients.push(client)
      await synced(client)
      const item = [...client.doc.getMap('stream').keys()][0]!
      addConcept(client.doc, 'c1', '<script>alert(1)</script>', 10, 20)
      addConcept(client.doc, 'c2', 'Ben & Jerry\'s "best"', 300, -40)
      addConcept(client.doc, 'c3', 'Café\nowners 😀', -120, 260)
      client.doc.getMap<Y.Map<unknown>>('concepts').get('c3')!.set('origin', item)
      addLink(client.doc, 'l1', 'c1', 'c2', 'feeds <b>')
      addLink(client.doc, 'l2', 'c2', 'c3', '')
      addLink(client.doc, 'l3', 'c3', 'c1', "it's")
      for (let i = 0; i < 250; i++) {
        source = await liveMap(id)
        if (source.concepts.length === 3 && source.links.length === 3) break
        await new Promise((r) => setTimeout(r, 20))
      }
      expect(source.links).toHaveLength(3)
      expect(source.concepts.find((c) => c.id === 'c3')?.origin).toBe(item)
    })

    // Neither file carries the stream: on the new board no concept's origin has its item.
    const unsourced = () => ({ ...source, concepts: source.concepts.map(({ origin: _o, ...c }): Concept => c) })

    it('json: export then import gives the same map but for origins, whose items stay on their board', async () => {
      const file = await exported(sourceId, 'json')
      expect((JSON.parse(file) as BoardMap).concepts.find((c) => c.id === 'c3')?.origin).toBe(source.concepts.find((c) => c.id === 'c3')!.origin)
      const reply = await imported('json', file)
      expect(reply).toMatchObject({ title: 'Round & <trip>', focusQuestion: 'Does "it" survive?', concepts: 3, links: 3 })
      // A badge "from the customer voice" with no card behind it, repaired away and counted.
      expect(reply.repaired).toMatchObject({ fields: 1 })
      expect(mapOnly(await liveMap(reply.id))).toEqual(mapOnly(unsourced()))
    })

    it('cxl: export then import gives the same map', async () => {
      const reply = await imported('cxl', await exported(sourceId, 'cxl'))
      expect(reply).toMatchObject({ title: 'Round & <trip>', focusQuestion: 'Does "it" survive?', concepts: 3, links: 3 })
      // CXL always states a size (the export estimated one for concepts that had none), and the
      // export moves the map clear of CmapTools' top-left corner: the same map up to a translation.
      // CmapTools has no stream, so no place for a concept's origin.
      expect(translated(withoutSizes(await liveMap(reply.id)))).toEqual(translated(withoutSizes(unsourced())))
    })
  })

  it('repairs rather than rejects: dangling connections and unknown elements dropped and counted', async () => {
    const dangling = await imported('cxl', fixture('cxl/dangling-connection.cxl'))
    expect(dangling).toMatchObject({ title: 'Dangling', concepts: 3, links: 2 })
    expect(dangling.dropped).toMatchObject({ connections: 5, linkingPhrases: 1 })
    expect(dangling.repaired).toEqual({ ids: 0, labels: 0, positions: 0, fields: 0 })

    const unknown = await imported('cxl', fixture('cxl/unknown-elements.cxl'))
    expect(unknown).toMatchObject({ title: 'Unknowns', concepts: 2, links: 1 })
    expect(unknown.dropped).toMatchObject({ elements: 6, connections: 1 })

    const fanOut = await imported('cxl', fixture('cxl/fan-out.cxl'))
    expect(fanOut).toMatchObject({ title: 'Fan-out & fan-in', focusQuestion: 'How do <causes> spread?', links: 9 })
    expect((await liveMap(fanOut.id)).links).toHaveLength(9)

    const missing = await imported('cxl', fixture('cxl/missing-appearance.cxl'))
    expect(missing.repaired.positions).toBeGreaterThan(0)
  })

  it('titles the board from ?title=, else the file, else "Imported map"', async () => {
    const json = fixture('json/board-v1.json')
    expect((await imported('json', json)).title).toBe('Coffee shop loyalty')
    const named = await imported('json', json, `&title=${encodeURIComponent('  My <own> title ')}`)
    expect(named.title).toBe('My <own> title')
    expect((await liveMap(named.id)).title).toBe('My <own> title')
    const bare = await imported('cxl', '<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map><concept-list><concept id="a" label="A"/></concept-list></map></cmap>')
    expect(bare).toMatchObject({ title: 'Imported map', focusQuestion: '', concepts: 1, links: 0 })
    expect((await importFile('json', json, `&title=${'x'.repeat(201)}`)).status).toBe(400)
  })

  it('refuses hostile, foreign and unreadable files with a reason, creating nothing', async () => {
    const before = await boardCount()
    const refusals: Array<[string, string | Uint8Array, string]> = [
      ['cxl', `<?xml version="1.0"?><!DOCTYPE cmap [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><cmap><map><concept-list><concept id="a" label="&xxe;"/></concept-list></map></cmap>`, 'forbidden-dtd'],
      ['cxl', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><cmap><map><concept-list><concept id="a" label="&lol2;"/></concept-list></map></cmap>`, 'forbidden-dtd'],
      ['cxl', 'this is not xml', 'not-xml'],
      ['cxl', '<html><body>hello</body></html>', 'not-cxl'],
      ['cxl', new Uint8Array([0x3c, 0x63, 0xff, 0xfe, 0x00, 0xc3]), 'bad-encoding'],
      ['json', '{"format": "common-ground/board-map", "version": 1', 'not-json'],
      ['json', '{"hello": "world"}', 'not-board'],
      ['json', '{"format": "common-ground/board-map", "version": 99, "concepts": [], "links": []}', 'unsupported-version'],
      ['cxl', '', 'not-xml']
    ]
    for (const [format, body, reason] of refusals) {
      const res = await importFile(format, body)
      const reply = (await res.json()) as { error: string; reason: string }
      expect(res.status, `${reason}: ${JSON.stringify(reply)}`).toBe(400)
      expect(reply.reason).toBe(reason)
      expect(reply.error.length).toBeGreaterThan(0)
      expect(reply.error).not.toMatch(/root:/)
    }
    const unknownFormat = await importFile('pdf', 'x')
    expect(unknownFormat.status).toBe(400)
    expect(((await unknownFormat.json()) as { reason: string }).reason).toBe('unknown-format')
    expect(await boardCount()).toBe(before)
  })

  it('refuses the real CmapTools file cut short in words a person understands, creating nothing', async () => {
    const before = await boardCount()
    const whole = readFileSync(REAL_CXL, 'utf8')
    const res = await importFile('cxl', whole.slice(0, Math.floor(whole.length / 2)))
    const reply = (await res.json()) as { error: string; reason: string }
    expect(res.status).toBe(400)
    expect(reply.error).toMatch(/^the file is cut short: it ends at line \d+ before the closing <\/cmap>/)
    expect(await boardCount()).toBe(before)
  })

  it('refuses a file over 5 MiB with 413, whether its length is declared or streamed', async () => {
    const before = await boardCount()
    const declared = await postRaw('/api/boards/import?format=cxl', [new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20)], true)
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body)).toMatchObject({ reason: 'too-large' })
    const streamed = await postRaw('/api/boards/import?format=cxl', Array.from({ length: 6 }, () => new Uint8Array(1024 * 1024).fill(0x20)), false)
    expect(streamed.status).toBe(413)
    // Past the 1 MiB of other API bodies is fine (up to 5 MiB; the big-file test below is 3+ MiB).
    const padded = `<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map><concept-list><concept id="a" label="A"/></concept-list></map></cmap>`
    const fits = await importFile('cxl', padded + ' '.repeat(2 * 1024 * 1024))
    expect(fits.status).toBe(201)
    expect(await boardCount()).toBe(before + 1)
    // Every other API route keeps the 1 MiB limit.
    const other = await postRaw('/api/boards', [new TextEncoder().encode(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }))], true)
    expect(other.status).toBe(413)
  })

  it('is for the service owner only', async () => {
    const { id } = await server.createBoard()
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await importFile('json', fixture('json/board-v1.json'), '', facilitator)).status).toBe(403)
    const anonymous = await fetch(`${server.url}/api/boards/import?format=json`, { method: 'POST', body: '{}' })
    expect(anonymous.status).toBe(401)
  })

  it('parses a large file off the event loop: a 4 MiB CXL imports while timers keep running', async () => {
    const units = 9000
    const parts: string[] = []
    for (let i = 0; i < units; i++) parts.push(`<concept id="c${i}" label="Concept ${i} of a large imported map"/>`)
    const concepts = parts.join('\n')
    parts.length = 0
    for (let i = 0; i < units; i++) parts.push(`<linking-phrase id="p${i}" label="leads on to"/>`)
    const phrases = parts.join('\n')
    parts.length = 0
    for (let i = 0; i < units; i++) {
      parts.push(`<connection id="k${i}a" from-id="c${i}" to-id="p${i}"/>`, `<connection id="k${i}b" from-id="p${i}" to-id="c${(i + 1) % units}"/>`)
    }
    const connections = parts.join('\n')
    parts.length = 0
    for (let i = 0; i < units; i++) parts.push(`<concept-appearance id="c${i}" x="${(i % 100) * 180}" y="${Math.floor(i / 100) * 90}" width="120" height="28"/>`)
    for (let i = 0; i < units; i++) parts.push(`<linking-phrase-appearance id="p${i}" x="${(i % 100) * 180 + 90}" y="${Math.floor(i / 100) * 90 + 45}" width="80" height="14"/>`)
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<cmap xmlns="http://cmap.ihmc.us/xml/cmap/"><map>\n` +
      `<concept-list>${concepts}</concept-list><linking-phrase-list>${phrases}</linking-phrase-list>` +
      `<connection-list>${connections}</connection-list><concept-appearance-list>${parts.slice(0, units).join('\n')}</concept-appearance-list>` +
      `<linking-phrase-appearance-list>${parts.slice(units).join('\n')}</linking-phrase-appearance-list></map></cmap>`
    const bytes = new TextEncoder().encode(xml)
    expect(bytes.byteLength).toBeGreaterThan(1024 * 1024)
    expect(bytes.byteLength).toBeLessThan(5 * 1024 * 1024)

    let last = performance.now()
    let worst = 0
    const timer = setInterval(() => {
      const now = performance.now()
      worst = Math.max(worst, now - last)
      last = now
    }, 5)
    const started = performance.now()
    const reply = await imported('cxl', bytes).finally(() => clearInterval(timer))
    const took = performance.now() - started
    expect(reply).toMatchObject({ concepts: units, links: units })
    // Parsing alone is seconds of CPU; what is left on the loop (reading the body, writing the
    // board's first journal entry) is a fraction of the whole.
    expect(worst).toBeLessThan(Math.max(400, took / 3))
    const map = await liveMap(reply.id)
    expect(map.concepts).toHaveLength(units)
  })
})
