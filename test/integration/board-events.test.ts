import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import type { BringEveryone, LiveBoardState } from '../../shared/sync/board-events'
import { waitFor } from '../support/clients'
import { rawSocket, syncUrl, type RawSocket } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'
import { MessageType } from '../../shared/sync/message-types'

let server: TestServer | undefined
const sockets: RawSocket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.close()
  await server?.close(true)
  server = undefined
})

/** The board events (message 101) a socket received, decoded: [kind, payload]. */
function events(socket: RawSocket): Array<[number, string]> {
  return socket.messages
    .filter((m) => m[0] === MessageType.boardEvents)
    .map((m) => {
      const d = decoding.createDecoder(m)
      decoding.readVarUint(d)
      return [decoding.readVarUint(d), decoding.readVarString(d)]
    })
}

const states = (socket: RawSocket) => events(socket).filter(([k]) => k === 1).map(([, text]) => JSON.parse(text) as LiveBoardState)

async function optedIn(s: TestServer, boardId: string, token: string): Promise<RawSocket> {
  const socket = rawSocket(syncUrl(s.wsUrl, boardId, token))
  sockets.push(socket)
  await socket.opened
  socket.ws.send(new Uint8Array([101]))
  return socket
}

describe('board events (opt-in message 101): lock, timer, session, bring everyone here', () => {
  it('tells each opted-in connection the board’s state on opting in, and again at every change', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard()
    const [fac, cust] = await Promise.all([s.invite(id, 'facilitator', 'Fay'), s.invite(id, 'customer', 'Cy')])
    expect((await s.api(`/api/boards/${id}`, { method: 'PATCH', body: '{"locked":true}' })).status).toBe(200)

    // Opening a locked board: the first thing said is that it is locked.
    const customer = await optedIn(s, id, cust.token)
    const plain = rawSocket(syncUrl(s.wsUrl, id, cust.token))
    sockets.push(plain)
    await waitFor(() => states(customer).length === 1, 5000, 'the state on opting in')
    expect(states(customer)[0]).toMatchObject({ locked: true, timer: null, session: null })

    expect((await s.api(`/api/boards/${id}`, { method: 'PATCH', token: fac.token, body: '{"locked":false}' })).status).toBe(200)
    await waitFor(() => states(customer).at(-1)?.locked === false, 5000, 'the unlock')

    const started = Date.now()
    const timer = await s.api(`/api/boards/${id}/timer`, { method: 'PUT', token: fac.token, body: '{"seconds":300}' })
    expect(timer.status).toBe(200)
    await waitFor(() => states(customer).at(-1)?.timer !== null, 5000, 'the timer')
    const withTimer = states(customer).at(-1)!
    expect(withTimer.timer!.endsAt - withTimer.timer!.startedAt).toBe(300_000)
    expect(withTimer.now).toBeGreaterThanOrEqual(started)

    const session = (await (await s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', token: fac.token, body: '{"name":"Workshop"}' })).json()) as { id: string }
    await waitFor(() => states(customer).at(-1)?.session?.id === session.id, 5000, 'the running session')
    expect(states(customer).at(-1)!.session!.name).toBe('Workshop')

    expect((await s.api(`/api/boards/${id}/timer`, { method: 'DELETE', token: fac.token })).status).toBe(200)
    await waitFor(() => states(customer).at(-1)?.timer === null, 5000, 'the timer stopped')

    // Bring everyone here: the facilitator's view, with who asked.
    const view = { x: -100, y: 50, w: 800, h: 600 }
    const told = await s.api(`/api/boards/${id}/bring-everyone`, { method: 'POST', token: fac.token, body: JSON.stringify({ view }) })
    expect(await told.json()).toEqual({ told: 1 })
    await waitFor(() => events(customer).some(([k]) => k === 2), 5000, 'bring everyone here')
    const brought = JSON.parse(events(customer).find(([k]) => k === 2)![1]) as BringEveryone
    expect(brought).toEqual({ by: { id: fac.participantId, name: 'Fay' }, view })

    // A connection that never opted in (a stock client) hears none of it.
    plain.ws.send(new Uint8Array([0, 0, 1, 0]))
    await waitFor(() => plain.messages.some((m) => m[0] === 0), 5000, 'a sync answer on the plain socket')
    expect(plain.messages.some((m) => m[0] === MessageType.boardEvents)).toBe(false)
  })

  it('lets only the board’s facilitators and the admin start timers and bring everyone, and checks the body', async () => {
    const s = (server = await startTestServer())
    const [{ id }, other] = await Promise.all([s.createBoard(), s.createBoard()])
    const [brand, viewer, otherFac] = await Promise.all([s.invite(id, 'brand', 'Bea'), s.invite(id, 'viewer'), s.invite(other.id, 'facilitator')])
    for (const token of [brand.token, viewer.token, otherFac.token]) {
      expect((await s.api(`/api/boards/${id}/timer`, { method: 'PUT', token, body: '{"seconds":60}' })).status).toBe(403)
      expect((await s.api(`/api/boards/${id}/timer`, { method: 'DELETE', token })).status).toBe(403)
      expect((await s.api(`/api/boards/${id}/bring-everyone`, { method: 'POST', token, body: '{"view":{"x":0,"y":0,"w":1,"h":1}}' })).status).toBe(403)
    }
    for (const body of ['{"seconds":5}', '{"seconds":1e9}', '{"seconds":60.5}', '{"seconds":"60"}', '{}', 'nope']) {
      expect((await s.api(`/api/boards/${id}/timer`, { method: 'PUT', body })).status).toBe(400)
    }
    for (const view of [null, { x: 0, y: 0, w: 0, h: 1 }, { x: 1e300, y: 0, w: 1, h: 1 }, { x: 0, y: 0, w: 1 }, { x: '0', y: 0, w: 1, h: 1 }]) {
      expect((await s.api(`/api/boards/${id}/bring-everyone`, { method: 'POST', body: JSON.stringify({ view }) })).status).toBe(400)
    }
    expect((await s.api(`/api/boards/${id}/timer`, { method: 'PUT', body: '{"seconds":60}' })).status).toBe(200)
  })
})
