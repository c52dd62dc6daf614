import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { A_STRING, AN_ARRAY, NOT_JSON, refuses as refuses_, send as send_, type Case } from '../support/malformed'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Hostile input on every route validated by a shared schema (server/http/validate.ts): each
 * malformed body or query is a 400 whose `error` names what is wrong, never a 500 and never
 * accepted; a stranger's malformed request is still refused for who they are (403/404) first.
 */

let server: TestServer
let boardId: string
let facilitator: string
let brand: string
let inviteId: string
let participantId: string

beforeAll(async () => {
  server = await startTestServer()
  boardId = (await server.createBoard('Validated', 'What is refused?')).id
  facilitator = (await server.invite(boardId, 'facilitator', 'Fay')).token
  const b = await server.invite(boardId, 'brand', 'Bea')
  brand = b.token
  participantId = b.participantId
  inviteId = ((await (await server.api(`/api/boards/${boardId}/invites`)).json()) as { invites: Array<{ id: string }> }).invites[0]!.id
})

afterAll(async () => {
  await server?.close(true)
})

const send = (method: string, path: string, raw: string | undefined, opts: { token?: string; type?: string | null } = {}) =>
  send_(server, method, path, raw, opts)
const refuses = (method: string, path: () => string, cases: Case[], token?: () => string) => refuses_(() => server, method, path, cases, token)

describe('POST /api/boards', () => {
  refuses('POST', () => '/api/boards', [
    NOT_JSON,
    AN_ARRAY,
    A_STRING,
    ['no body', undefined, /body must be JSON/],
    ['a title of the wrong type', '{"title":["x"]}', /title must be a string/],
    ['a null title', '{"title":null}', /title is required/],
    ['a blank title', '{"title":"   "}', /title must not be empty/],
    ['a focus question of the wrong type', '{"title":"x","focusQuestion":{}}', /focusQuestion must be a string/],
    ['a focus question too long', JSON.stringify({ title: 'x', focusQuestion: 'q'.repeat(1001) }), /focusQuestion is longer than 1000/]
  ])

  it('reads a JSON body sent without a Content-Type, as it always has', async () => {
    const res = await send('POST', '/api/boards', '{"title":"Plain fetch"}', { type: null })
    expect(res.status).toBe(201)
  })

  it('tells a facilitator 403 before looking at the body', async () => {
    expect((await send('POST', '/api/boards', '{"title":5}', { token: facilitator })).status).toBe(403)
  })
})

describe('PATCH /api/boards/:id', () => {
  refuses('PATCH', () => `/api/boards/${boardId}`, [
    NOT_JSON,
    AN_ARRAY,
    ['an unknown field', '{"owner":"me"}', /unknown field owner; expected title/],
    ['a prototype key', '{"__proto__":{"locked":true}}', /unknown field __proto__/],
    ['locked as a string', '{"locked":"yes"}', /locked must be true or false/],
    ['archived as a number', '{"archived":1}', /archived must be true or false/],
    ['an empty title', '{"title":""}', /title must not be empty/],
    ['origins not an array', '{"allowedOrigins":"https://a.example"}', /allowedOrigins must be an array/],
    ['an origin with a path', '{"allowedOrigins":["https://a.example/x"]}', /"https:\/\/a.example\/x" is not an origin/],
    ['an origin that is a number', '{"allowedOrigins":[5]}', /"number" is not an origin/],
    ['too many origins', JSON.stringify({ allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://o${i}.example`) }), /at most 50 origins/]
  ])

  it('changes nothing when refused', async () => {
    await send('PATCH', `/api/boards/${boardId}`, '{"title":"Kept","locked":"yes"}')
    const board = (await (await server.api(`/api/boards/${boardId}`)).json()) as { title: string; locked: boolean }
    expect(board).toMatchObject({ title: 'Validated', locked: false })
  })

  it('still answers 404 for an unknown board and 403 for a brand, whatever the body', async () => {
    expect((await send('PATCH', '/api/boards/nope', '{"locked":"yes"}')).status).toBe(404)
    expect((await send('PATCH', `/api/boards/${boardId}`, 'not json', { token: brand })).status).toBe(403)
  })
})

describe('POST /api/boards/:id/invites', () => {
  refuses('POST', () => `/api/boards/${boardId}/invites`, [
    NOT_JSON,
    A_STRING,
    ['no role', '{}', /role must be one of/],
    ['an unknown role', '{"role":"owner"}', /role must be one of/],
    ['a name of the wrong type', '{"role":"brand","name":7}', /name must be a string/],
    ['a name too long', JSON.stringify({ role: 'brand', name: 'n'.repeat(101) }), /name is longer than 100/],
    ['a fractional ttl', '{"role":"brand","ttlSeconds":1.5}', /ttlSeconds must be an integer/],
    ['a ttl of zero', '{"role":"brand","ttlSeconds":0}', /ttlSeconds must be an integer/],
    ['a ttl as a string', '{"role":"brand","ttlSeconds":"60"}', /ttlSeconds must be an integer/],
    ['group as a string', '{"role":"brand","group":"true"}', /group must be true or false/],
    ['a group link for facilitators', '{"role":"facilitator","group":true}', /group links are for brand, customer or viewer/],
    ['a label too long', JSON.stringify({ role: 'brand', group: true, label: 'l'.repeat(201) }), /label is longer than 200/]
  ])

  it('tells a brand 403 before looking at the body', async () => {
    expect((await send('POST', `/api/boards/${boardId}/invites`, '{"role":5}', { token: brand })).status).toBe(403)
  })
})

describe('POST /api/boards/:id/invites/:iid/revoke', () => {
  refuses('POST', () => `/api/boards/${boardId}/invites/${inviteId}/revoke`, [
    NOT_JSON,
    AN_ARRAY,
    ['keepMembers as a string', '{"keepMembers":"no"}', /keepMembers must be true or false/]
  ])

  it('leaves the invite and its participant standing when refused', async () => {
    const res = await fetch(`${server.url}/api/boards/${boardId}/participants`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    const { participants } = (await res.json()) as { participants: Array<{ id: string; revokedAt: string | null }> }
    expect(participants.find((p) => p.id === participantId)?.revokedAt).toBeNull()
  })
})

describe('GET /api/compare and /api/compare/export', () => {
  const other = () => `${boardId},x${boardId}`
  refuses('GET', () => `/api/compare?boards=${boardId}`, [['one board', undefined, /boards must name at least two boards/]])
  refuses('GET', () => `/api/compare?boards=${boardId},${boardId}`, [['the same board twice', undefined, /names the same board \(or session\) twice/]])
  refuses('GET', () => '/api/compare?boards=a:b:c,d', [['an entry with two sessions', undefined, /"a:b:c" is not a board id or board:session/]])
  refuses('GET', () => `/api/compare?boards=${other()}&k=0`, [['k of zero', undefined, /k must be at least 1/]])
  refuses('GET', () => `/api/compare?boards=${other()}&k=two`, [['k in words', undefined, /k must be a non-negative integer/]])
  refuses('GET', () => `/api/compare/export?boards=${other()}&format=pdf`, [['an unknown format', undefined, /format must be one of/]])
  refuses('GET', () => `/api/compare/export?boards=${boardId}&format=svg`, [['one board to export', undefined, /at least two boards/]])

  it('tells a facilitator 403 before reading the query', async () => {
    expect((await send('GET', '/api/compare?boards=x', undefined, { token: facilitator })).status).toBe(403)
  })
})

describe('POST /api/join', () => {
  let link = ''
  beforeAll(async () => {
    const res = await server.api(`/api/boards/${boardId}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true }) })
    link = ((await res.json()) as { token: string }).token
  })
  refuses(
    'POST',
    () => '/api/join',
    [
      NOT_JSON,
      AN_ARRAY,
      ['no name', '{}', /name is required/],
      ['a name that is a number', '{"name":42}', /name is required/],
      ['a blank name', '{"name":" \\t "}', /name must not be empty/],
      ['a name too long', JSON.stringify({ name: 'n'.repeat(101) }), /name is longer than 100/],
      ['a name with a bidi override', JSON.stringify({ name: 'Eve\u202Eevil' }), /name holds control characters/]
    ],
    () => link
  )

  it('tells a dead link 401 whatever name came with it, and reads a body token that is a string only', async () => {
    expect((await send('POST', '/api/join', '{"name":""}', { token: 'not-a-link' })).status).toBe(401)
    expect((await send('POST', '/api/join', JSON.stringify({ token: 5, name: 'Ann' }), { token: link })).status).toBe(201)
  })
})

describe('the file routes’ queries', () => {
  it('refuses an unknown import format with the reason unknown-format, and a long title in words, creating nothing', async () => {
    const before = ((await (await server.api('/api/boards')).json()) as { boards: unknown[] }).boards.length
    const bad = await fetch(`${server.url}/api/boards/import?format=pdf`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: '{}' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'format must be one of: cxl, json', reason: 'unknown-format' })
    const long = await send('POST', `/api/boards/import?format=json&title=${'t'.repeat(201)}`, '{}')
    expect(long).toEqual({ status: 400, error: 'title is longer than 200 characters' })
    expect(((await (await server.api('/api/boards')).json()) as { boards: unknown[] }).boards.length).toBe(before)
    expect((await send('POST', '/api/boards/import?format=pdf', '{}', { token: facilitator })).status).toBe(403)
  })

  it('refuses an unknown stream format with the reason unknown-format, after the access check', async () => {
    const path = `/api/boards/${boardId}/stream?format=xls`
    const bad = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: 'a,b' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'format must be one of: csv, jsonl, txt, rss', reason: 'unknown-format' })
    expect((await send('POST', path, 'a,b', { token: brand })).status).toBe(403)
    expect((await send('POST', `/api/boards/${boardId}/stream`, 'a,b')).status).toBe(400)
  })
})

describe('GET /api/boards/:id/export', () => {
  const exp = (q: string) => () => `/api/boards/${boardId}/export?${q}`
  refuses('GET', exp('format=pdf'), [['an unknown format', undefined, /format must be one of: json, svg/]])
  refuses('GET', exp('format=png&scale=9'), [['a PNG scale too large', undefined, /scale must be a number from 0.25 to 4/]])
  refuses('GET', exp('format=png&scale=big'), [['a PNG scale in words', undefined, /scale must be a number/]])
  refuses('GET', exp('format=svg&at=soon'), [['a moment in words', undefined, /at must be epoch milliseconds/]])
  refuses('GET', exp('format=svg&at=5&session=s'), [['two moments at once', undefined, /give at most one of at, snapshot and session/]])

  it('ignores a scale for other formats, as before, and tells another board’s token 403 first', async () => {
    expect((await send('GET', exp('format=txt&scale=9')(), undefined)).status).toBe(200)
    const other = (await server.createBoard('Other')).id
    const stranger = (await server.invite(other, 'brand')).token
    expect((await send('GET', exp('format=pdf')(), undefined, { token: stranger })).status).toBe(403)
  })
})
