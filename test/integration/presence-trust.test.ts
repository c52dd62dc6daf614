import * as decoding from 'lib0/decoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { awarenessMessage } from '../support/hostile-sync'
import { rawSocket, syncUrl, type RawSocket } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Presence between participants of one board, held by the server (issue 19, items 1 and 6): stock
 * y-websocket clients as the honest people, raw WebSockets as the hostile ones, on a real server.
 */
let server: TestServer
const clients: StockClient[] = []
const sockets: RawSocket[] = []

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.ws.terminate()
  await server.close(true)
})

type Role = 'facilitator' | 'brand' | 'customer' | 'viewer'

async function join(boardId: string, role: Role, name?: string): Promise<{ client: StockClient; participantId: string }> {
  const invite = await server.invite(boardId, role, name)
  const client = stockClient(server.wsUrl, boardId, invite.token)
  clients.push(client)
  await synced(client)
  return { client, participantId: invite.participantId }
}

async function hostile(boardId: string, role: Role, name?: string): Promise<{ socket: RawSocket; participantId: string }> {
  const invite = await server.invite(boardId, role, name)
  const socket = rawSocket(syncUrl(server.wsUrl, boardId, invite.token))
  sockets.push(socket)
  await socket.opened
  return { socket, participantId: invite.participantId }
}

type Seen = { user?: { name?: string; role?: string; id?: string; color?: string }; cursor?: unknown } | undefined
const stateOf = (observer: StockClient, clientId: number) => observer.provider.awareness.getStates().get(clientId) as Seen
const statesBy = (observer: StockClient, participantId: string) =>
  [...observer.provider.awareness.getStates().values()].filter((s) => (s as Seen)?.user?.id === participantId).length

describe('presence identity', () => {
  it('stamps name, role and id from the token: a viewer cannot appear as the facilitator', async () => {
    const { id } = await server.createBoard()
    const { client: facilitator, participantId: facilitatorId } = await join(id, 'facilitator', 'Fay')
    const { client: brand, participantId: brandId } = await join(id, 'brand', 'Bea')
    const { client: viewer, participantId: viewerId } = await join(id, 'viewer')
    const { client: witness } = await join(id, 'customer')

    facilitator.provider.awareness.setLocalStateField('user', { name: 'Fay', role: 'facilitator', color: '#112233' })
    // A named token's name wins over whatever its client claims.
    brand.provider.awareness.setLocalStateField('user', { name: 'Fay', role: 'facilitator' })
    // An unnamed token chooses its name, but not one a named participant on the board holds, nor a role.
    viewer.provider.awareness.setLocalStateField('user', { name: ' fay\u202e', role: 'facilitator', id: facilitatorId })

    // Every client first publishes an empty state (y-protocols' default): wait for the ones set above
    // (by what they carry: the server's clocks count joins too, not only each client's states).
    await waitFor(
      () =>
        stateOf(witness, facilitator.doc.clientID)?.user?.color !== undefined &&
        stateOf(witness, brand.doc.clientID)?.user?.role !== undefined &&
        stateOf(witness, viewer.doc.clientID)?.user?.name !== undefined,
      5000,
      'presence'
    )
    expect(stateOf(witness, facilitator.doc.clientID)!.user).toEqual({ name: 'Fay', role: 'facilitator', id: facilitatorId, color: '#112233' })
    expect(stateOf(witness, brand.doc.clientID)!.user).toEqual({ name: 'Bea', role: 'brand', id: brandId })
    expect(stateOf(witness, viewer.doc.clientID)!.user).toEqual({ name: 'fay (guest)', role: 'viewer', id: viewerId })
  })

  it('keeps a client id its participant’s after it drops: nobody else can publish under it, whatever the clock', async () => {
    const { id } = await server.createBoard()
    const { client: victim } = await join(id, 'brand', 'Vera')
    const { client: witness } = await join(id, 'customer', 'Wes')
    victim.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
    const victimId = victim.doc.clientID
    await waitFor(() => stateOf(witness, victimId)?.user?.name === 'Vera', 5000, 'the victim on the board')

    victim.provider.disconnect()
    await waitFor(() => stateOf(witness, victimId) === undefined, 5000, 'the victim gone')
    const { socket: squatter } = await hostile(id, 'viewer')
    squatter.ws.send(awarenessMessage([[victimId, 2 ** 50, { user: { name: 'Vera', role: 'brand' }, cursor: { x: 666, y: 666 } }]]))
    // The squatter's next state of its own shows that the first message was handled.
    squatter.ws.send(awarenessMessage([[424242, 1, { user: { name: 'Sam' } }]]))
    await waitFor(() => stateOf(witness, 424242) !== undefined, 5000, 'the squatter’s own state')
    expect(stateOf(witness, victimId)).toBeUndefined()

    victim.provider.connect()
    await synced(victim)
    victim.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
    await waitFor(() => (stateOf(witness, victimId)?.cursor as { x: number } | undefined)?.x === 2, 5000, 'the victim back, heard')
    expect(stateOf(witness, victimId)!.user).toMatchObject({ name: 'Vera', role: 'brand' })
  })

  it('relays its own clocks: a huge clock from a connection silences nobody after it', async () => {
    const { id } = await server.createBoard()
    const { client: witness } = await join(id, 'customer', 'Wes')
    const { socket, participantId } = await hostile(id, 'brand', 'Hal')
    socket.ws.send(awarenessMessage([[777, 2 ** 52, { cursor: { x: 1, y: 1 } }]]))
    await waitFor(() => stateOf(witness, 777) !== undefined, 5000, 'the state')
    // The server's own clock (never below the wall clock in ms: see RoomPresence.nextClock), not 2^52.
    expect(witness.provider.awareness.meta.get(777)!.clock).toBeLessThan(Date.now() + 60_000)
    expect(stateOf(witness, 777)!.user).toEqual({ name: 'Hal', role: 'brand', id: participantId })
  })
})

describe('presence floods', () => {
  it('a viewer flooding presence is cut off with 1013; the others stay connected, keep converging and see at most a few of its states', async () => {
    const { id } = await server.createBoard()
    const { client: a } = await join(id, 'facilitator', 'Ann')
    const { client: b } = await join(id, 'brand', 'Ben')
    a.provider.awareness.setLocalStateField('cursor', { x: 0, y: 0 })
    b.provider.awareness.setLocalStateField('cursor', { x: 0, y: 0 })
    const { socket: flooder, participantId: flooderId } = await hostile(id, 'viewer')

    // The report's attack: 16 messages back to back, each with 256 new client ids and ~28 KB per state.
    const blob = 'x'.repeat(28 * 1024)
    let next = 1_000_000
    for (let m = 0; m < 16; m++) {
      const entries: Array<[number, number, unknown]> = []
      for (let i = 0; i < 256; i++) entries.push([next++, 1, { user: { name: 'flood' }, blob }])
      flooder.ws.send(awarenessMessage(entries))
    }
    const closed = await flooder.closed
    expect(closed.code).toBe(1013)

    // Honest clients still converge, on the document and on presence.
    addConcept(a.doc, 'after', 'after the flood')
    b.provider.awareness.setLocalStateField('cursor', { x: 5, y: 5 })
    await waitFor(() => b.doc.getMap('concepts').has('after'), 5000, 'the edit')
    await waitFor(() => (stateOf(a, b.doc.clientID)?.cursor as { x: number } | undefined)?.x === 5, 5000, 'the cursor')
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])
    expect(statesBy(a, flooderId)).toBe(0)
  })

  it('caps the client ids and state bytes of one connection; smaller floods are dropped, not relayed', async () => {
    const { id } = await server.createBoard()
    const { client: witness } = await join(id, 'customer', 'Wes')
    const { socket, participantId } = await hostile(id, 'viewer')
    // Under the byte rate, over the cap on ids: 64 ids of 1 KB each.
    const entries: Array<[number, number, unknown]> = []
    for (let i = 0; i < 64; i++) entries.push([5000 + i, 1, { pad: 'y'.repeat(1024) }])
    socket.ws.send(awarenessMessage(entries))
    // 40 KB states: the second of them would take the connection over its 64 KB.
    socket.ws.send(awarenessMessage([[5000, 2, { pad: 'z'.repeat(40 * 1024) }], [5001, 2, { pad: 'z'.repeat(40 * 1024) }]]))
    socket.ws.send(awarenessMessage([[5002, 2, { last: true }]]))
    await waitFor(() => (stateOf(witness, 5002) as { last?: boolean } | undefined)?.last === true, 5000, 'the last state')
    expect(statesBy(witness, participantId)).toBe(4)
    const padOf = (clientId: number) => ((stateOf(witness, clientId) as { pad?: string }).pad ?? '').length
    expect(padOf(5000)).toBe(40 * 1024)
    expect(padOf(5001)).toBe(1024)
    const open = socket.ws.readyState === socket.ws.OPEN
    expect(open).toBe(true)
  })

  /**
   * Opens `connections` raw sockets with `token`, each publishing 4 states of ~15 K characters (each
   * connection within its own bounds), and returns the states the board holds after the last one, as
   * the server answers an awareness query.
   */
  async function floodPresence(id: string, token: string, connections: number, firstClientId: number): Promise<Seen[]> {
    let heard: Uint8Array | null = null
    for (let c = 0; c < connections; c++) {
      const socket = rawSocket(syncUrl(server.wsUrl, id, token))
      sockets.push(socket)
      await socket.opened
      const entries: Array<[number, number, unknown]> = []
      for (let i = 0; i < 4; i++) entries.push([firstClientId + c * 4 + i, 1, { pad: 'p'.repeat(15_000) }])
      socket.ws.send(awarenessMessage(entries))
      // Answered after the message before it: what the board holds once it was taken or dropped.
      const before = socket.messages.length
      socket.ws.send(new Uint8Array([3]))
      await waitFor(() => socket.messages.slice(before).some((m) => m[0] === 1), 5000, `connection ${c}'s answer`)
      heard = socket.messages.slice(before).find((m) => m[0] === 1)!
    }
    const held = new awarenessProtocol.Awareness(new Y.Doc())
    const d = decoding.createDecoder(heard!)
    decoding.readVarUint(d)
    awarenessProtocol.applyAwarenessUpdate(held, decoding.readVarUint8Array(d), null)
    return [...held.getStates().values()] as Seen[]
  }
  const charsOf = (states: Seen[]) => states.reduce((n, s) => n + JSON.stringify(s).length, 0)

  it('caps the presence one participant holds: a viewer connecting 40 times holds at most 128 K, and who joins after is seen', async () => {
    const { id } = await server.createBoard()
    const { client: witness } = await join(id, 'customer', 'Wes')
    const invite = await server.invite(id, 'viewer', 'Flo')
    // 40 connections, each within its own bounds (4 ids, under 64 K characters): 2.4 M characters offered.
    const held = await floodPresence(id, invite.token, 40, 700_000)
    const flood = held.filter((s) => s?.user?.id === invite.participantId)
    expect(charsOf(flood)).toBeLessThanOrEqual(128 * 1024)
    expect(flood.length).toBe(8)
    // Every connection stayed (nothing was over its own bounds); the witness sees what the board holds.
    expect(sockets.every((s) => s.ws.readyState === s.ws.OPEN)).toBe(true)
    await waitFor(() => statesBy(witness, invite.participantId) === flood.length, 5000, 'the witness sees what the board holds')

    // Someone joining after the flood is seen by everyone, and edits converge.
    const { client: late, participantId: lateId } = await join(id, 'brand', 'Lou')
    late.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 })
    await waitFor(() => (stateOf(witness, late.doc.clientID)?.cursor as { x: number } | undefined)?.x === 3, 5000, 'the late cursor')
    expect(stateOf(witness, late.doc.clientID)?.user?.id).toBe(lateId)
    addConcept(late.doc, 'after', 'after the flood')
    await waitFor(() => witness.doc.getMap('concepts').has('after'), 5000, 'the edit')
    expect(witness.closes).toEqual([])
  })

  it('caps the presence one board holds: 24 viewers at their own caps fill at most 2 MiB, and the others keep theirs', async () => {
    const { id } = await server.createBoard()
    const { client: witness } = await join(id, 'customer', 'Wes')
    const { client: honest } = await join(id, 'brand', 'Hon')
    honest.provider.awareness.setLocalStateField('cursor', { x: 0, y: 0 })
    const viewers = await Promise.all(Array.from({ length: 24 }, (_, i) => server.invite(id, 'viewer', `Viewer ${i}`)))
    // Each viewer: 2 connections × 4 states of ~15 K, 8 states (its own 128 K): 24 × ~120 K = ~2.9 M offered.
    let held: Seen[] = []
    for (const [i, v] of viewers.entries()) held = await floodPresence(id, v.token, 2, 800_000 + i * 8)
    const ids = new Set(viewers.map((v) => v.participantId))
    const flood = held.filter((s) => s?.user?.id !== undefined && ids.has(s.user.id))
    expect(charsOf(flood)).toBeLessThanOrEqual(2 * 1024 * 1024)
    expect(flood.length).toBeGreaterThan(120)
    expect(flood.length).toBeLessThan(24 * 8)
    expect(sockets.every((s) => s.ws.readyState === s.ws.OPEN)).toBe(true)

    // The others go on: the honest cursor moves, and edits converge.
    honest.provider.awareness.setLocalStateField('cursor', { x: 7, y: 7 })
    addConcept(honest.doc, 'after', 'after the flood')
    await waitFor(() => (stateOf(witness, honest.doc.clientID)?.cursor as { x: number } | undefined)?.x === 7, 5000, 'the honest cursor')
    await waitFor(() => witness.doc.getMap('concepts').has('after'), 5000, 'the edit')
    expect([witness.closes, honest.closes]).toEqual([[], []])
  })
})
