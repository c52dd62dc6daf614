import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbedAllowedAnswer, GroupInfoAnswer, JoinedAnswer, MeAnswer, OEmbedAnswer, TicketAnswer } from '../../shared/api/schemas/answers'
import { startTestServer, type TestServer } from '../support/server'
import { readSse, type SseReader } from '../support/sse'

/**
 * The queries validated by shared schemas on the routes that read one outside a body (the oEmbed
 * endpoint, group links, the live stream): the same status and words as before they had schemas, the
 * access check still first; and the real answers of these routes parse with their answer schemas.
 */

let server: TestServer
let boardId: string
let facilitator: string
let brand: string
let groupToken: string
const streams: SseReader[] = []

beforeAll(async () => {
  server = await startTestServer()
  boardId = (await server.createBoard('Queries', 'What is asked?')).id
  facilitator = (await server.invite(boardId, 'facilitator', 'Fay')).token
  brand = (await server.invite(boardId, 'brand', 'Bea')).token
  const res = await server.api(`/api/boards/${boardId}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true, label: 'Table 1' }) })
  groupToken = ((await res.json()) as { token: string }).token
})

afterAll(async () => {
  for (const s of streams.splice(0)) s.close()
  await server?.close(true)
})

/** A GET without any token (oEmbed consumers and partner pages ask so), its status and JSON. */
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('GET /oembed', () => {
  const boardUrl = () => `${server.url}/b/${boardId}?token=${brand}`
  const oembed = (query: string) => get(`/oembed?${query}`)

  it.each([
    ['an unsupported format', () => `format=xml&url=${encodeURIComponent(boardUrl())}`, 501, /^format xml is not supported; use json$/],
    ['an unsupported format and no url (the format is told first)', () => 'format=xml', 501, /format xml is not supported/],
    ['an empty format', () => `format=&url=${encodeURIComponent(boardUrl())}`, 501, /not supported; use json/],
    ['no url', () => 'format=json', 400, /^url is required$/],
    ['an empty url', () => 'url=', 400, /^url is required$/],
    ['a zero maxwidth', () => `url=${encodeURIComponent(boardUrl())}&maxwidth=0`, 400, /^maxwidth and maxheight must be positive integers$/],
    ['a fractional maxheight', () => `url=${encodeURIComponent(boardUrl())}&maxheight=1.5`, 400, /must be positive integers/],
    ['a maxheight that is no number', () => `url=${encodeURIComponent(boardUrl())}&maxheight=tall`, 400, /must be positive integers/]
  ])('%s → %i with the reason', async (_what, query, status, words) => {
    const res = await oembed(query())
    expect(res.status).toBe(status)
    expect(res.body.error).toMatch(words)
  })

  it('answers an oEmbed 1.0 rich object, its size asked within the defaults', async () => {
    const res = await oembed(`url=${encodeURIComponent(boardUrl())}&format=json&maxwidth=5000&maxheight=240`)
    expect(res.status).toBe(200)
    const answer = OEmbedAnswer.parse(res.body)
    expect([answer.width, answer.height]).toEqual([800, 240])
    expect(answer.title).toBe('Queries')
  })

  it('answers whether a page may show the board, to anyone who asks', async () => {
    const res = await get(`/embed/${boardId}/allowed`, { origin: 'https://partner.example' })
    expect(res.status).toBe(200)
    expect(EmbedAllowedAnswer.parse(res.body)).toEqual({ allowed: false })
  })
})

describe('/api/join', () => {
  it('reads the group link token from ?token= or the Authorization header, and answers what the link is for', async () => {
    for (const [path, headers] of [
      [`/api/join?token=${encodeURIComponent(groupToken)}`, {}],
      ['/api/join', { authorization: `Bearer ${groupToken}` }]
    ] as const) {
      const res = await get(path, headers)
      expect(res.status).toBe(200)
      expect(GroupInfoAnswer.parse(res.body)).toMatchObject({ boardId, role: 'customer', label: 'Table 1', title: 'Queries' })
    }
  })

  it('tells a missing or empty token 401, whatever the query says', async () => {
    for (const path of ['/api/join', '/api/join?token=', '/api/join?token=nope&x=1']) {
      const res = await get(path)
      expect(res.status, path).toBe(401)
      expect(res.body.error).toBe('missing, invalid, expired or revoked group link')
    }
  })

  it('exchanges the link in the query for a personal token under the typed name', async () => {
    const res = await fetch(`${server.url}/api/join?token=${encodeURIComponent(groupToken)}`, { method: 'POST', body: JSON.stringify({ name: '  Cy   Lee ' }) })
    expect(res.status).toBe(201)
    const joined = JoinedAnswer.parse(await res.json())
    expect(joined).toMatchObject({ boardId, role: 'customer', name: 'Cy Lee' })
    const me = await get('/api/me', { authorization: `Bearer ${joined.token}` })
    expect(MeAnswer.parse(me.body)).toMatchObject({ kind: 'participant', boardId, role: 'customer', name: 'Cy Lee', participantId: joined.participantId })
  })
})

describe('GET /api/me', () => {
  it('says who the admin and a participant are, in the shape of the shared type', async () => {
    expect(MeAnswer.parse((await get('/api/me', { authorization: `Bearer ${server.adminToken}` })).body)).toEqual({ kind: 'admin' })
    expect(MeAnswer.parse((await get('/api/me', { authorization: `Bearer ${brand}` })).body)).toMatchObject({ kind: 'participant', role: 'brand', name: 'Bea' })
  })
})

describe('GET /api/boards/:id/live', () => {
  const live = async (query: string, token?: string) => {
    const r = await readSse(`${server.url}/api/boards/${boardId}/live${query}`, token)
    streams.push(r)
    return r.status
  }

  it('tells a participant 403 for who they are before looking at the session asked', async () => {
    expect(await live('?session=nope', brand)).toBe(403)
    expect(await live('?session=nope', facilitator)).toBe(404)
  })

  it('takes an empty session as none, and a live ticket (its answer in the shared shape) instead of a token', async () => {
    expect(await live('?session=', facilitator)).toBe(200)
    const res = await server.api(`/api/boards/${boardId}/live-tickets`, { method: 'POST', token: facilitator })
    expect(res.status).toBe(201)
    const { ticket } = TicketAnswer.parse(await res.json())
    expect(await live(`?ticket=${encodeURIComponent(ticket)}`)).toBe(200)
    // Single use: spent.
    expect(await live(`?ticket=${encodeURIComponent(ticket)}`)).toBe(401)
  })
})
