import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { A_STRING, AN_ARRAY, NOT_JSON, refuses as refuses_, send as send_, type Case } from '../support/malformed'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Hostile input on the routes a facilitator and participants use live and in history (timer, bring
 * everyone, sessions, snapshots, history and score queries, the pulse, dot votes, export tickets):
 * each malformed body or query is a 400 naming what is wrong, never a 500, and changes nothing;
 * who may not call a route is told so (403/409) before anything is said about the body.
 */

let server: TestServer
let boardId: string
let brand: string
let viewer: string
let roundId: string

beforeAll(async () => {
  server = await startTestServer()
  boardId = (await server.createBoard('Live', 'What is refused?')).id
  brand = (await server.invite(boardId, 'brand', 'Bea')).token
  viewer = (await server.invite(boardId, 'viewer')).token
  const round = await server.api(`/api/boards/${boardId}/vote-rounds`, { method: 'POST', body: JSON.stringify({ name: 'First', dots: 3 }) })
  expect(round.status).toBe(201)
  roundId = ((await round.json()) as { id: string }).id
})

afterAll(async () => {
  await server?.close(true)
})

const send = (method: string, path: string, raw: string | undefined, token?: string) => send_(server, method, path, raw, { token })
const refuses = (method: string, path: () => string, cases: Case[], token?: () => string) => refuses_(() => server, method, path, cases, token)
const at = (rest: string) => () => `/api/boards/${boardId}/${rest}`

describe('PUT /api/boards/:id/timer', () => {
  const words = /seconds must be a whole number from 10 to 10800/
  refuses('PUT', at('timer'), [
    NOT_JSON,
    AN_ARRAY,
    ['no seconds', '{}', words],
    ['too few seconds', '{"seconds":9}', words],
    ['too many seconds', '{"seconds":10801}', words],
    ['a fraction', '{"seconds":60.5}', words],
    ['a string', '{"seconds":"60"}', words]
  ])

  it('starts no timer when refused, and tells a brand 403 first', async () => {
    expect((await send('PUT', at('timer')(), '{"seconds":"60"}', brand)).status).toBe(403)
    const board = (await (await server.api(`/api/boards/${boardId}`)).json()) as { timer?: unknown }
    expect(board.timer ?? null).toBeNull()
  })
})

describe('POST /api/boards/:id/bring-everyone', () => {
  const words = /view must be \{x, y, w, h\}/
  refuses('POST', at('bring-everyone'), [
    NOT_JSON,
    A_STRING,
    ['no view', '{}', words],
    ['a view as an array', '{"view":[0,0,10,10]}', words],
    ['a zero width', '{"view":{"x":0,"y":0,"w":0,"h":10}}', words],
    ['a coordinate as a string', '{"view":{"x":"0","y":0,"w":10,"h":10}}', words],
    ['a coordinate off the map', '{"view":{"x":1e12,"y":0,"w":10,"h":10}}', words]
  ])
})

describe('sessions and snapshots', () => {
  refuses('POST', at('sessions/start'), [
    NOT_JSON,
    AN_ARRAY,
    ['a name that is a number', '{"name":5}', /name must be a string/],
    ['a name too long', JSON.stringify({ name: 'n'.repeat(201) }), /name is longer than 200/]
  ])
  refuses('POST', at('snapshots'), [
    NOT_JSON,
    ['a name that is an object', '{"name":{}}', /name must be a string/],
    ['a negative moment', '{"at":-1}', /at must be epoch milliseconds/],
    ['a fractional moment', '{"at":1.5}', /at must be epoch milliseconds/],
    ['a moment as a word', '{"at":"now"}', /at must be epoch milliseconds/]
  ])

  it('starts no session and takes no snapshot when refused', async () => {
    const sessions = (await (await server.api(`/api/boards/${boardId}/sessions`)).json()) as { sessions: Array<{ kind: string }> }
    expect(sessions.sessions.filter((s) => s.kind === 'marked')).toEqual([])
    const snapshots = (await (await server.api(`/api/boards/${boardId}/snapshots`)).json()) as { snapshots: unknown[] }
    expect(snapshots.snapshots).toEqual([])
  })
})

describe('history, map, metrics and comparison queries', () => {
  refuses('GET', at('history?after=-1'), [['a negative after', undefined, /after must be a non-negative integer/]])
  refuses('GET', at('history?limit=ten'), [['a limit in words', undefined, /limit must be a non-negative integer/]])
  refuses('GET', at('history?after=1e400'), [['an after past any integer', undefined, /after must be a non-negative integer/]])
  refuses('GET', at('map?at=yesterday'), [['a moment in words', undefined, /at must be epoch milliseconds/]])
  refuses('GET', at('map?at=-5'), [['a negative moment', undefined, /at must be epoch milliseconds/]])
  refuses('GET', at('metrics?at=1.5'), [['a fractional moment', undefined, /at must be epoch milliseconds/]])
  refuses('GET', at('metrics?baseline=yes'), [['a baseline flag in words', undefined, /baseline must be 1 or 0/]])
  refuses('GET', at('snapshots/compare?a=x'), [['one snapshot named', undefined, /a and b must name two snapshots/]])
  refuses('GET', at('snapshots/compare?a=&b='), [['empty names', undefined, /a and b must name two snapshots/]])

  it('tells a viewer 403 before reading a malformed query', async () => {
    expect((await send('GET', at('history?after=-1')(), undefined, viewer)).status).toBe(403)
  })
})

describe('POST /api/boards/:id/pulse', () => {
  refuses(
    'POST',
    at('pulse'),
    [
      NOT_JSON,
      AN_ARRAY,
      ['an unknown field', '{"mood":3}', /unknown field mood/],
      ['an answer above 5', '{"understood":6}', /understood must be an integer from 1 to 5, or null/],
      ['an answer as a string', '{"learned":"5"}', /learned must be an integer from 1 to 5, or null/],
      ['a fractional answer', '{"represents":2.5}', /represents must be an integer from 1 to 5, or null/],
      ['a session that is a number', '{"session":5}', /session must be a session id/],
      ['an empty session', '{"session":""}', /session must be a session id/]
    ],
    () => brand
  )

  it('tells a viewer 403 before looking at the body', async () => {
    expect((await send('POST', at('pulse')(), '{"understood":9}', viewer)).status).toBe(403)
  })
})

describe('dot votes', () => {
  refuses('POST', at('vote-rounds'), [
    NOT_JSON,
    ['an unknown field', '{"colour":"red"}', /unknown field colour/],
    ['no dots', '{"dots":0}', /dots must be a whole number from 1 to 10/],
    ['too many dots', '{"dots":11}', /dots must be a whole number from 1 to 10/],
    ['dots as a string', '{"dots":"3"}', /dots must be a whole number from 1 to 10/],
    ['a name that is a number', '{"name":5}', /name must be a string/],
    ['a name too long', JSON.stringify({ name: 'n'.repeat(201) }), /name is longer than 200/]
  ])
  refuses(
    'PUT',
    () => `/api/boards/${boardId}/vote-rounds/${roundId}/ballot`,
    [
      NOT_JSON,
      AN_ARRAY,
      ['no dots', '{}', /dots must be an object of concept id/],
      ['dots as an array', '{"dots":[1]}', /dots must be an object of concept id/],
      ['dots as a string', '{"dots":"a"}', /dots must be an object of concept id/],
      ['an unknown field', '{"dots":{},"extra":1}', /unknown field extra/],
      ['a concept id "__proto__"', '{"dots":{"__proto__":1}}', /no concept "__proto__" on the board now/],
      ['a negative count', '{"dots":{"c1":-1}}', /dots on "c1" must be a whole number/]
    ],
    () => brand
  )

  it('tells a brand 403 for opening a round and a viewer 403 for voting, whatever the body', async () => {
    expect((await send('POST', at('vote-rounds')(), '{"dots":"x"}', brand)).status).toBe(403)
    expect((await send('PUT', `/api/boards/${boardId}/vote-rounds/${roundId}/ballot`, 'nope', viewer)).status).toBe(403)
  })

  it('opened no round while refusing, and answers a closed round 409 before reading the body', async () => {
    const { rounds } = (await (await server.api(`/api/boards/${boardId}/vote-rounds`)).json()) as { rounds: Array<{ id: string }> }
    expect(rounds.map((r) => r.id)).toEqual([roundId])
    expect((await send('POST', `/api/boards/${boardId}/vote-rounds/${roundId}/close`, undefined)).status).toBe(200)
    expect((await send('PUT', `/api/boards/${boardId}/vote-rounds/${roundId}/ballot`, 'nope', brand)).status).toBe(409)
  })
})

describe('POST /api/boards/:id/export-tickets', () => {
  refuses(
    'POST',
    at('export-tickets'),
    [NOT_JSON, ['no format', '{}', /format must be one of: json, svg/], ['an unknown format', '{"format":"pdf"}', /format must be one of/]],
    () => brand
  )
})
