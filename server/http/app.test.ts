import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Access } from '../auth/access'
import { TokenSigner } from '../auth/tokens'
import { DownloadTickets } from '../auth/download-tickets'
import { ExchangeRunner } from '../exchange/worker-runner'
import { readConfig } from '../config'
import { createLogger } from '../log'
import { roomLimits } from '../start-server'
import { openEmbeddedStore } from '../store/embedded/embedded-store'
import type { Store } from '../store/store'
import { boardPolicy } from '../boards/board-policy'
import { RoomRegistry } from '../sync/room-registry'
import { createApp } from './app'
import { systemClock } from '../clock'

const ADMIN = 'admin-secret'
let dataDir: string
let store: Store
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cg-app-'))
  const log = createLogger('silent')
  store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log })
  const now = () => Date.now()
  const access = new Access(new TokenSigner(Buffer.alloc(32, 7)), ADMIN, store.metadata, now)
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    clock: systemClock,
    limits: roomLimits(readConfig({})),
    checkpointEvery: 1000,
    idleUnloadMs: 10,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy
  })
  app = createApp({ store, access, tickets: new DownloadTickets(Buffer.alloc(32, 7), now), registry, exchange: new ExchangeRunner(), log, now, publicUrl: () => 'https://cg.example', clientDir: dataDir })
})

afterEach(async () => {
  await store.close()
  await rm(dataDir, { recursive: true, force: true })
})

const call = (path: string, init: { method?: string; token?: string | null; body?: unknown; raw?: string } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? ADMIN}`
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
  return app.request(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body })
}

async function newBoard(body: unknown = { title: 'Delivery', focusQuestion: 'What builds trust?' }) {
  const res = await call('/api/boards', { body })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; title: string; focusQuestion: string; url: string }
}

async function invite(boardId: string, body: unknown, token?: string) {
  return call(`/api/boards/${boardId}/invites`, { body, token })
}

describe('GET /healthz', () => {
  it('answers 200 JSON without a token', async () => {
    const res = await call('/healthz', { token: null })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true })
  })
})

describe('POST /api/boards', () => {
  it('creates a board with a URL-safe id', async () => {
    const board = await newBoard()
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(board).toMatchObject({ title: 'Delivery', focusQuestion: 'What builds trust?', url: `https://cg.example/b/${board.id}` })
    const list = (await (await call('/api/boards')).json()) as { boards: Array<{ id: string }> }
    expect(list.boards.map((b) => b.id)).toEqual([board.id])
  })

  it('keeps markup in titles as text', async () => {
    const board = await newBoard({ title: '<script>alert(1)</script>' })
    expect(board.title).toBe('<script>alert(1)</script>')
    expect(board.focusQuestion).toBe('')
  })

  it('refuses requests without the admin token', async () => {
    expect((await call('/api/boards', { body: { title: 'x' }, token: null })).status).toBe(401)
    expect((await call('/api/boards', { body: { title: 'x' }, token: 'wrong' })).status).toBe(401)
    const board = await newBoard()
    const { token } = (await (await invite(board.id, { role: 'facilitator' })).json()) as { token: string }
    expect((await call('/api/boards', { body: { title: 'x' }, token })).status).toBe(403)
  })

  it.each([
    ['not JSON', '{', /JSON/],
    ['an array', '[]', /object/],
    ['no title', '{}', /title is required/],
    ['an empty title', '{"title":"  "}', /empty/],
    ['a title that is not a string', '{"title":5}', /string/],
    ['a title too long', JSON.stringify({ title: 'x'.repeat(201) }), /longer/],
    ['a focus question too long', JSON.stringify({ title: 'x', focusQuestion: 'y'.repeat(1001) }), /longer/]
  ])('answers 400 with a reason for %s', async (_name, raw, reason) => {
    const res = await call('/api/boards', { raw })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(reason)
  })

  it('answers 413 for a body over the limit', async () => {
    const res = await call('/api/boards', { raw: JSON.stringify({ title: 'x', pad: 'y'.repeat(1_100_000) }) })
    expect(res.status).toBe(413)
  })
})

describe('POST /api/boards/:id/invites', () => {
  it('issues a signed token and link for each role', async () => {
    const board = await newBoard()
    for (const role of ['facilitator', 'brand', 'customer', 'viewer']) {
      const res = await invite(board.id, { role, name: 'Bo', ttlSeconds: 3600 })
      expect(res.status).toBe(201)
      const body = (await res.json()) as { token: string; url: string; role: string; expiresAt: string }
      expect(body.role).toBe(role)
      expect(body.url).toBe(`https://cg.example/b/${board.id}?token=${encodeURIComponent(body.token)}`)
      const claims = JSON.parse(Buffer.from(body.token.split('.')[1]!, 'base64url').toString())
      expect(claims).toMatchObject({ board: board.id, role, name: 'Bo' })
      expect(Math.abs(Date.parse(body.expiresAt) - Date.now() - 3600_000)).toBeLessThan(5000)
    }
  })

  it("lets a board's facilitator invite, and nobody else but the admin", async () => {
    const board = await newBoard()
    const other = await newBoard()
    const token = async (id: string, role: string) => ((await (await invite(id, { role })).json()) as { token: string }).token
    expect((await invite(board.id, { role: 'customer' }, await token(board.id, 'facilitator'))).status).toBe(201)
    expect((await invite(board.id, { role: 'customer' }, await token(board.id, 'brand'))).status).toBe(403)
    expect((await invite(board.id, { role: 'customer' }, await token(board.id, 'viewer'))).status).toBe(403)
    expect((await invite(board.id, { role: 'customer' }, await token(other.id, 'facilitator'))).status).toBe(403)
    expect((await invite(board.id, { role: 'customer' }, 'forged.token.here')).status).toBe(401)
  })

  it('refuses unknown roles, bad lifetimes and bad board ids', async () => {
    const board = await newBoard()
    expect((await invite(board.id, { role: 'owner' })).status).toBe(400)
    expect((await invite(board.id, {})).status).toBe(400)
    expect((await invite(board.id, { role: 'brand', ttlSeconds: 0 })).status).toBe(400)
    expect((await invite(board.id, { role: 'brand', ttlSeconds: 1.5 })).status).toBe(400)
    expect((await invite(board.id, { role: 'brand', ttlSeconds: 10 ** 9 })).status).toBe(400)
    expect((await invite(board.id, { role: 'brand', name: 'n'.repeat(101) })).status).toBe(400)
    expect((await invite('no-such-board', { role: 'brand' })).status).toBe(404)
    expect((await invite('bad%20id', { role: 'brand' })).status).toBe(404)
    expect((await invite('x'.repeat(65), { role: 'brand' })).status).toBe(404)
  })
})

describe('GET /api/boards/:id', () => {
  it('shows a participant its own board only', async () => {
    const board = await newBoard()
    const other = await newBoard()
    const { token } = (await (await invite(board.id, { role: 'customer' })).json()) as { token: string }
    const res = await call(`/api/boards/${board.id}`, { token })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: board.id, title: 'Delivery', focusQuestion: 'What builds trust?', locked: false })
    expect((await call(`/api/boards/${other.id}`, { token })).status).toBe(403)
    expect((await call(`/api/boards/${board.id}?token=${encodeURIComponent(token)}`, { token: null })).status).toBe(200)
  })
})
