import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import { answer } from './answer'

describe('answer', () => {
  it('sends the route’s answer as JSON with the status asked', async () => {
    const app = new Hono()
      .get('/me', (c) => answer(c, BOARD_API.me, { kind: 'admin' }))
      .post('/ticket', (c) => answer(c, LIVE_API.liveTicket, { ticket: 't', expiresAt: 1 }, 201))
    const me = await app.request('/me')
    expect([me.status, me.headers.get('content-type'), await me.json()]).toEqual([200, 'application/json', { kind: 'admin' }])
    const ticket = await app.request('/ticket', { method: 'POST' })
    expect([ticket.status, await ticket.json()]).toEqual([201, { ticket: 't', expiresAt: 1 }])
  })

  it('takes only the answer the shared table gives the route (typecheck holds the handlers to it)', () => {
    // Each line below fails typecheck unless it is marked: were `answer` to stop checking, the
    // marks would be unused and typecheck would fail instead.
    const app = new Hono()
      // @ts-expect-error: not a kind of principal
      .get('/a', (c) => answer(c, BOARD_API.me, { kind: 'someone' }))
      // @ts-expect-error: a field the answer does not have
      .get('/b', (c) => answer(c, LIVE_API.liveTicket, { ticket: 't', expiresAt: 1, token: 'x' }))
      // @ts-expect-error: a field missing
      .get('/c', (c) => answer(c, LIVE_API.liveTicket, { ticket: 't' }))
    expect(app.routes.map((r) => r.path)).toEqual(['/a', '/b', '/c'])
  })
})
