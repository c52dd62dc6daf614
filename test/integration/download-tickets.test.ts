import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSse } from '../support/sse'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Issue 19, item 7: export links and the live stream open with a single-use, one-minute ticket,
 * so no token ends up in a URL (download history, proxy logs). Their expiry is in the unit test
 * (server/auth/download-tickets.test.ts), which owns the clock.
 */
let server: TestServer
let boardId: string
let otherBoardId: string
beforeAll(async () => {
  server = await startTestServer()
  boardId = (await server.createBoard('Tickets', 'Who may download?')).id
  otherBoardId = (await server.createBoard('Elsewhere', 'And here?')).id
})
afterAll(async () => {
  await server.close(true)
})

async function ticketFor(id: string, token: string, what: 'export-tickets' | 'live-tickets', format?: string): Promise<Response> {
  return server.api(`/api/boards/${id}/${what}`, { method: 'POST', token, body: JSON.stringify(format ? { format } : {}) })
}

async function exportTicket(id: string, token: string, format: string): Promise<string> {
  const res = await ticketFor(id, token, 'export-tickets', format)
  expect(res.status).toBe(201)
  const body = (await res.json()) as { ticket: string; expiresAt: number }
  expect(body.expiresAt).toBeGreaterThan(Date.now())
  expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 61_000)
  expect(body.ticket).not.toContain(token)
  return body.ticket
}

/** A GET with the ticket alone: no Authorization header, no token. */
const withTicket = (path: string) => fetch(`${server.url}${path}`)

describe('export tickets', () => {
  it('open the export once, with no token in the URL', async () => {
    const brand = await server.invite(boardId, 'brand', 'Bea')
    const ticket = await exportTicket(boardId, brand.token, 'svg')
    const url = `/api/boards/${boardId}/export?format=svg&ticket=${encodeURIComponent(ticket)}`
    const first = await withTicket(url)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toContain('image/svg+xml')
    expect(first.headers.get('content-disposition')).toContain('attachment')
    expect(await first.text()).toContain('<svg')
    const again = await withTicket(url)
    expect(again.status).toBe(401)
  })

  it('are refused for another board or another format, and those attempts do not spend them', async () => {
    const brand = await server.invite(boardId, 'brand')
    const ticket = encodeURIComponent(await exportTicket(boardId, brand.token, 'txt'))
    expect((await withTicket(`/api/boards/${otherBoardId}/export?format=txt&ticket=${ticket}`)).status).toBe(401)
    expect((await withTicket(`/api/boards/${boardId}/export?format=json&ticket=${ticket}`)).status).toBe(401)
    expect((await withTicket(`/api/boards/${boardId}/export?ticket=${ticket}`)).status).toBe(401)
    // A ticket opens only the export: not the map, not the history.
    expect((await withTicket(`/api/boards/${boardId}/map?ticket=${ticket}`)).status).toBe(401)
    expect((await withTicket(`/api/boards/${boardId}/export?format=txt&ticket=${ticket}`)).status).toBe(200)
  })

  it('are only issued to someone of that board, for a real format', async () => {
    const brand = await server.invite(boardId, 'brand')
    expect((await ticketFor(otherBoardId, brand.token, 'export-tickets', 'svg')).status).toBe(403)
    expect((await ticketFor(boardId, brand.token, 'export-tickets', 'exe')).status).toBe(400)
    expect((await ticketFor(boardId, 'not-a-token', 'export-tickets', 'svg')).status).toBe(401)
  })

  it('carry the viewer’s rights: the live map, never its history', async () => {
    const viewer = await server.invite(boardId, 'viewer', 'Vic')
    const live = await exportTicket(boardId, viewer.token, 'mermaid')
    expect((await withTicket(`/api/boards/${boardId}/export?format=mermaid&ticket=${encodeURIComponent(live)}`)).status).toBe(200)
    const past = await exportTicket(boardId, viewer.token, 'mermaid')
    expect((await withTicket(`/api/boards/${boardId}/export?format=mermaid&at=1&ticket=${encodeURIComponent(past)}`)).status).toBe(403)
    // A facilitator's ticket opens the history, as the facilitator's token does.
    const facilitator = await server.invite(boardId, 'facilitator', 'Fay')
    const theirs = await exportTicket(boardId, facilitator.token, 'mermaid')
    expect((await withTicket(`/api/boards/${boardId}/export?format=mermaid&at=1&ticket=${encodeURIComponent(theirs)}`)).status).toBe(200)
  })

  it('die with the participant: revoked after issuing, the ticket is refused', async () => {
    const brand = await server.invite(boardId, 'brand', 'Gone')
    const ticket = await exportTicket(boardId, brand.token, 'svg')
    const revoke = await server.api(`/api/boards/${boardId}/participants/${brand.participantId}/revoke`, { method: 'POST' })
    expect(revoke.status).toBeLessThan(300)
    expect((await withTicket(`/api/boards/${boardId}/export?format=svg&ticket=${encodeURIComponent(ticket)}`)).status).toBe(401)
  })

  it('leave ?token= working for API clients, as the contract says', async () => {
    const brand = await server.invite(boardId, 'brand')
    expect((await withTicket(`/api/boards/${boardId}/export?format=txt&token=${encodeURIComponent(brand.token)}`)).status).toBe(200)
  })
})

describe('live-stream tickets', () => {
  it('open the facilitator’s live stream once; brands and viewers get none', async () => {
    const facilitator = await server.invite(boardId, 'facilitator', 'Fay')
    const res = await ticketFor(boardId, facilitator.token, 'live-tickets')
    expect(res.status).toBe(201)
    const { ticket } = (await res.json()) as { ticket: string }
    const url = `${server.url}/api/boards/${boardId}/live?ticket=${encodeURIComponent(ticket)}`
    const stream = await readSse(url)
    try {
      expect(stream.status).toBe(200)
      await expect.poll(() => stream.events.find((e) => e.event === 'profile'), { timeout: 15_000 }).toBeTruthy()
    } finally {
      stream.close()
    }
    expect((await fetch(url)).status).toBe(401)
    // An export ticket is not a live ticket.
    const exportOne = await exportTicket(boardId, facilitator.token, 'svg')
    expect((await fetch(`${server.url}/api/boards/${boardId}/live?ticket=${encodeURIComponent(exportOne)}`)).status).toBe(401)
    for (const role of ['brand', 'viewer'] as const) {
      const other = await server.invite(boardId, role)
      expect((await ticketFor(boardId, other.token, 'live-tickets')).status).toBe(403)
    }
  })
})
