import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'

// Embedding: the allow-list enforced on embed pages (frame-ancestors), the embed script and its
// assets (CORS), the API an embed calls (CORS), WebSocket origins, and oEmbed.

let server: TestServer
const PARTNER = 'https://partner.example'
const OTHER_PARTNER = 'https://other-partner.example'
const STRANGER = 'https://evil.example'

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  await server.close(true)
})

const raw = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init })
const setOrigins = async (id: string, allowedOrigins: string[]) => {
  const res = await server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ allowedOrigins }) })
  expect(res.status).toBe(200)
}
async function boardFor(origins: string[], title = 'Embedded') {
  const { id } = await server.createBoard(title)
  await setOrigins(id, origins)
  return id
}
const frameAncestors = (csp: string | null) => /frame-ancestors ([^;]+)/.exec(csp ?? '')?.[1]

describe('GET /embed/:boardId', () => {
  it('is framed only by the board’s allowed origins, never *, and by nobody while the list is empty', async () => {
    const id = await boardFor([])
    const empty = await raw(`/embed/${id}?token=x`)
    expect(empty.status).toBe(200)
    expect(empty.headers.get('content-type')).toMatch(/text\/html/)
    expect(frameAncestors(empty.headers.get('content-security-policy'))).toBe("'none'")
    expect(empty.headers.get('x-frame-options')).toBeNull()
    expect(empty.headers.get('referrer-policy')).toBe('no-referrer')
    expect(empty.headers.get('cache-control')).toBe('no-store')
    await setOrigins(id, [PARTNER, 'http://127.0.0.1:9999'])
    const listed = await raw(`/embed/${id}`)
    expect(frameAncestors(listed.headers.get('content-security-policy'))).toBe(`${PARTNER} http://127.0.0.1:9999`)
    const csp = listed.headers.get('content-security-policy')!
    expect(csp).not.toMatch(/\*/)
    expect(csp).toMatch(/script-src 'self'/)
    expect(await listed.text()).toMatch(/\/assets\/embed-frame\.js/)
  })

  it('answers 404 for unknown and malformed board ids', async () => {
    for (const bad of ['NoSuchBoard', 'x'.repeat(65), 'a.b', 'a%20b', '%E0%A4%A']) expect((await raw(`/embed/${bad}`)).status, bad).toBe(404)
  })
})

describe('the embed script and its assets', () => {
  it('serves /embed.js, which pulls in the bundle from /assets/', async () => {
    const res = await raw('/embed.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    const body = await res.text()
    expect(body).toMatch(/import '\.\/assets\/embed\.js'/)
    const bundle = await raw('/assets/embed.js')
    expect(bundle.status).toBe(200)
    // The entry exports the element (defined as <cg-board> in the chunk it imports).
    expect(await bundle.text()).toMatch(/CgBoard/)
  })

  it('serves the script and its assets to any page, naming its origin (never *)', async () => {
    await boardFor([PARTNER])
    for (const path of ['/embed.js', '/assets/embed.js']) {
      for (const origin of [PARTNER, STRANGER]) {
        const ok = await raw(path, { headers: { origin } })
        expect(ok.status, path).toBe(200)
        expect(ok.headers.get('access-control-allow-origin')).toBe(origin)
        expect(ok.headers.get('access-control-allow-credentials')).toBeNull()
        expect(ok.headers.get('vary')).toMatch(/Origin/)
      }
    }
    // Our own pages load the same files with our own origin.
    expect((await raw('/assets/embed.js', { headers: { origin: server.url } })).status).toBe(200)
  })

  it('stops counting an archived board’s origins for joining', async () => {
    const only = 'https://archived-partner.example'
    const id = await boardFor([only])
    const preflight = () => raw('/api/join', { method: 'OPTIONS', headers: { origin: only, 'access-control-request-method': 'POST' } })
    expect((await preflight()).status).toBe(204)
    await server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ archived: true }) })
    expect((await preflight()).status).toBe(403)
  })

  it('tells a page whether the board allows it, before it tries anything', async () => {
    const id = await boardFor([PARTNER])
    const ask = (origin?: string) => raw(`/embed/${id}/allowed`, { headers: origin ? { origin } : {} })
    const yes = await ask(PARTNER)
    expect(await yes.json()).toEqual({ allowed: true })
    expect(yes.headers.get('access-control-allow-origin')).toBe(PARTNER)
    const no = await ask(STRANGER)
    expect(await no.json()).toEqual({ allowed: false })
    expect(no.headers.get('access-control-allow-origin')).toBe(STRANGER)
    expect(await (await ask(server.url)).json()).toEqual({ allowed: true })
    expect((await raw('/embed/NoSuchBoard/allowed', { headers: { origin: PARTNER } })).status).toBe(404)
    await server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ archived: true }) })
    expect(await (await ask(PARTNER)).json()).toEqual({ allowed: false })
  })

  it('answers a frame on an unlisted page with a message that holds nothing of the board', async () => {
    const id = await boardFor([PARTNER])
    const framed = (referer?: string) =>
      raw(`/embed/${id}?token=x`, { headers: { 'sec-fetch-dest': 'iframe', ...(referer ? { referer } : {}) } })
    const refused = await framed(`${STRANGER}/page.html`)
    expect(refused.status).toBe(403)
    expect(frameAncestors(refused.headers.get('content-security-policy'))).toBe(STRANGER)
    expect(refused.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    const text = await refused.text()
    expect(text).toContain('This board can’t be shown on this site')
    expect(text).toContain(STRANGER)
    expect(text).not.toMatch(/<script/)
    // An allowed page, a page that hides where it is, and a top-level visit get the board's page.
    for (const res of [await framed(`${PARTNER}/x`), await framed(), await raw(`/embed/${id}?token=x`)]) {
      expect(res.status).toBe(200)
      expect(frameAncestors(res.headers.get('content-security-policy'))).toBe(PARTNER)
    }
  })
})

describe('CORS on the API an embed uses', () => {
  it('answers preflights for allowed origins only, naming the origin and the headers', async () => {
    const id = await boardFor([PARTNER])
    const preflight = (path: string, origin: string) =>
      raw(path, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
      })
    for (const path of ['/api/join', `/api/boards/${id}`]) {
      const ok = await preflight(path, PARTNER)
      expect(ok.status, path).toBe(204)
      expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER)
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/)
      expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/)
      const refused = await preflight(path, STRANGER)
      expect(refused.status, path).toBe(403)
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('lets an allowed origin read its board, and refuses other boards, other origins and the rest of the API', async () => {
    const id = await boardFor([PARTNER])
    const otherId = await boardFor([OTHER_PARTNER])
    const { token } = await server.invite(id, 'viewer')
    const get = (path: string, origin: string, t = token) => raw(path, { headers: { origin, authorization: `Bearer ${t}` } })
    const ok = await get(`/api/boards/${id}`, PARTNER)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER)
    expect((await get(`/api/boards/${id}`, OTHER_PARTNER)).status).toBe(403)
    expect((await get(`/api/boards/${otherId}`, PARTNER, server.adminToken)).status).toBe(403)
    expect((await get('/api/boards', PARTNER, server.adminToken)).status).toBe(403)
    expect((await get('/api/me', PARTNER)).status).toBe(403)
    // Writes from a stranger do nothing at all, even with a valid admin token.
    const created = await raw('/api/boards', {
      method: 'POST',
      headers: { origin: STRANGER, authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ title: 'csrf' })
    })
    expect(created.status).toBe(403)
    const titles = ((await (await server.api('/api/boards')).json()) as { boards: { title: string }[] }).boards.map((b) => b.title)
    expect(titles).not.toContain('csrf')
  })

  it('lets an embed join through a group link only from that board’s allowed origins', async () => {
    const id = await boardFor([PARTNER])
    await boardFor([OTHER_PARTNER])
    const g = (await (await server.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true }) })).json()) as {
      token: string
    }
    const join = (origin: string) =>
      raw('/api/join', {
        method: 'POST',
        headers: { origin, authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Embedded Emma' })
      })
    const ok = await join(PARTNER)
    expect(ok.status).toBe(201)
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER)
    // Allowed for some board, but not this one: the join route refuses it.
    expect((await join(OTHER_PARTNER)).status).toBe(403)
    expect((await join(STRANGER)).status).toBe(403)
  })
})

describe('WebSocket origins', () => {
  it('accepts a listed origin, refuses an unlisted one (4403), and follows changes to the list', async () => {
    const id = await boardFor([PARTNER])
    const { token } = await server.invite(id, 'brand')
    const listed = rawSocket(syncUrl(server.wsUrl, id, token), { headers: { origin: PARTNER } })
    await listed.opened
    listed.ws.close()
    expect((await rawSocket(syncUrl(server.wsUrl, id, token), { headers: { origin: OTHER_PARTNER } }).closed).code).toBe(4403)
    await setOrigins(id, [])
    expect((await rawSocket(syncUrl(server.wsUrl, id, token), { headers: { origin: PARTNER } }).closed).code).toBe(4403)
  })
})

describe('GET /oembed', () => {
  const oembed = (url: string, extra = '') => raw(`/oembed?url=${encodeURIComponent(url)}${extra}`)

  it('answers a board URL with an invite as an oEmbed 1.0 rich embed of the embed page', async () => {
    const id = await boardFor([PARTNER], 'Trust <script>alert(1)</script> & "quotes"')
    const { token } = await server.invite(id, 'viewer')
    for (const url of [`${server.url}/b/${id}?token=${encodeURIComponent(token)}`, `${server.url}/embed/${id}?token=${encodeURIComponent(token)}`]) {
      const res = await oembed(url, '&format=json')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      const body = (await res.json()) as Record<string, unknown>
      expect(body).toMatchObject({
        version: '1.0',
        type: 'rich',
        provider_name: 'Common Ground',
        title: 'Trust <script>alert(1)</script> & "quotes"',
        width: 800,
        height: 600
      })
      const html = body.html as string
      expect(html).toMatch(/^<iframe /)
      expect(html).toContain(`src="${server.url}/embed/${id}?token=${encodeURIComponent(token)}"`)
      expect(html).toContain('title="Common Ground: Trust &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"')
      expect(html).not.toMatch(/<script/)
    }
    const small = (await (await oembed(`${server.url}/b/${id}?token=${token}`, '&maxwidth=400&maxheight=300')).json()) as { width: number; height: number; html: string }
    expect([small.width, small.height]).toEqual([400, 300])
    expect(small.html).toMatch(/width="400" height="300"/)
  })

  it('answers 501 for XML, 404 for what is not a board of ours, 401 for a board URL without a usable invite', async () => {
    const id = await boardFor([])
    const other = await boardFor([])
    const { token } = await server.invite(id, 'brand')
    const url = `${server.url}/b/${id}?token=${token}`
    expect((await oembed(url, '&format=xml')).status).toBe(501)
    expect((await oembed(`${server.url}/b/NoSuchBoard?token=${token}`)).status).toBe(404)
    expect((await oembed(`https://elsewhere.example/b/${id}?token=${token}`)).status).toBe(404)
    expect((await oembed(`${server.url}/replay/${id}?token=${token}`)).status).toBe(404)
    expect((await oembed('not a url')).status).toBe(404)
    expect((await raw('/oembed')).status).toBe(400)
    expect((await oembed(`${server.url}/b/${id}`)).status).toBe(401)
    expect((await oembed(`${server.url}/b/${id}?token=forged`)).status).toBe(401)
    // The admin token never goes into someone's page; nor does another board's invite work.
    expect((await oembed(`${server.url}/b/${id}?token=${server.adminToken}`)).status).toBe(401)
    expect((await oembed(`${server.url}/b/${other}?token=${token}`)).status).toBe(401)
    expect((await oembed(url, '&maxwidth=0')).status).toBe(400)
  })
})

describe('page security headers', () => {
  it('sends the console, board and join pages with a script-src self policy, never framed, no referrer', async () => {
    const { id } = await server.createBoard()
    for (const path of ['/', `/b/${id}`, `/join/${id}`]) {
      const res = await raw(path)
      expect(res.status, path).toBe(200)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toMatch(/script-src 'self'(;|$)/)
      expect(csp, path).toMatch(/connect-src 'self' ws: wss:/)
      expect(frameAncestors(csp), path).toBe("'none'")
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
  })
})
