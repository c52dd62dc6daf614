import { afterEach, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addConcept, stockClient, synced, waitFor } from '../support/clients'
import { ManualClock } from '../support/manual-clock'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'
import { MessageType } from '../../shared/sync/message-types'
import type { ResponseOf } from '../../shared/api/route'
import { SERVICE_API } from '../../shared/api/routes/service-routes'

let server: TestServer
afterEach(async () => {
  await server.close(true)
})

const KEEPALIVE = [0, 2, 2, 0, 0].join()

function updateMessage(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  build(doc)
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(e)
}

describe('connection lifecycle', () => {
  it('sends a keepalive to a quiet connection, so a lone stock client is never dropped', async () => {
    // The keepalive looks every KEEPALIVE_MS / 3 on the server's clock: quiet time is moved on, not slept.
    const clock = new ManualClock()
    server = await startTestServer({ clock, env: { KEEPALIVE_MS: '300' } })
    const { id } = await server.createBoard()
    const s = rawSocket(syncUrl(server.wsUrl, id, (await server.invite(id, 'brand')).token))
    await s.opened
    // The room has the connection once it sent its sync step 1.
    await waitFor(() => s.messages.length > 0, 5000, 'sync step 1')
    const keepalives = () => s.messages.filter((m) => m.join() === KEEPALIVE).length
    clock.advance(200)
    expect(keepalives()).toBe(0)
    for (const n of [1, 2]) {
      clock.advance(100)
      await waitFor(() => keepalives() >= n, 5000, `keepalive ${n}`)
      clock.advance(200)
    }
    expect(keepalives()).toBe(2)
    s.ws.close()
  })

  it('drops a connection that stops answering pings', async () => {
    const clock = new ManualClock()
    server = await startTestServer({ clock, env: { HEARTBEAT_MS: '150' } })
    const { id } = await server.createBoard()
    const token = (await server.invite(id, 'brand')).token
    const dead = rawSocket(syncUrl(server.wsUrl, id, token), { autoPong: false })
    const alive = rawSocket(syncUrl(server.wsUrl, id, token))
    await Promise.all([dead.opened, alive.opened])
    let pings = 0
    alive.ws.on('ping', () => pings++)
    // `alive` answers a ping at once; a ping of its own answered after that means the server read the pong.
    const answered = async (beat: number) => {
      await waitFor(() => pings === beat, 5000, `ping ${beat}`)
      await new Promise<void>((resolve) => {
        alive.ws.once('pong', () => resolve())
        alive.ws.ping()
      })
    }
    // The heartbeat runs on the server's clock: each beat is time moved on, not slept.
    clock.advance(150)
    await answered(1)
    clock.advance(150)
    expect((await dead.closed).code).toBe(1006)
    // The beat that dropped the silent one pinged the one that answers, and so does the next.
    await answered(2)
    clock.advance(150)
    await answered(3)
    expect(alive.ws.readyState).toBe(alive.ws.OPEN)
    alive.ws.close()
  })

  it('acknowledges journaled updates to a client that opted in, once the log is synced, and only to it', async () => {
    // The log's sync waits FSYNC_INTERVAL_MS on the server's clock (a minute: never on real time here):
    // no acknowledgement before it, both once the clock is moved on.
    const clock = new ManualClock()
    // (Heartbeats further apart still: a minute moved on at once gives no pong time to arrive between two.)
    server = await startTestServer({ clock, env: { FSYNC_INTERVAL_MS: '60000', HEARTBEAT_MS: '600000' } })
    const { id } = await server.createBoard()
    const token = (await server.invite(id, 'brand')).token
    const optedIn = rawSocket(syncUrl(server.wsUrl, id, token))
    const stock = rawSocket(syncUrl(server.wsUrl, id, token))
    const witness = stockClient(server.wsUrl, id, (await server.invite(id, 'viewer')).token)
    await Promise.all([optedIn.opened, stock.opened, synced(witness)])
    optedIn.ws.send(new Uint8Array([100]))
    optedIn.ws.send(updateMessage((d) => addConcept(d, 'a', 'x')))
    optedIn.ws.send(updateMessage((d) => addConcept(d, 'b', 'y')))
    stock.ws.send(updateMessage((d) => addConcept(d, 'c', 'z')))
    const acks = () =>
      optedIn.messages.filter((m) => m[0] === MessageType.journalAck).map((m) => {
        const d = decoding.createDecoder(m)
        decoding.readVarUint(d)
        return decoding.readVarUint(d)
      })
    // Both updates are in the journal once relayed (a relay follows the append): the log is not synced yet.
    await waitFor(() => witness.doc.getMap('concepts').has('a') && witness.doc.getMap('concepts').has('b'), 3000, 'the updates relayed')
    // (The opt-in is answered with what was durable then, seq 0: nothing of these yet.)
    expect(acks().filter((seq) => seq > 0)).toEqual([])
    clock.advance(60_000)
    await waitFor(() => acks().includes(2), 3000, 'acknowledgement of both updates')
    expect(acks()).toEqual([...acks()].sort((a, b) => a - b))
    expect(stock.messages.some((m) => m[0] === MessageType.journalAck)).toBe(false)
    optedIn.ws.close()
    stock.ws.close()
    witness.destroy()
  })

  it('lets a bursty editor through and cuts a flood with 1013', async () => {
    // The bucket refills on the server's clock: 800 ms between bursts is time moved on, not slept.
    const clock = new ManualClock()
    server = await startTestServer({ clock, env: { UPDATE_BURST: '30', UPDATES_PER_SECOND: '20' } })
    const { id } = await server.createBoard()
    const token = (await server.invite(id, 'brand')).token
    const human = rawSocket(syncUrl(server.wsUrl, id, token))
    const flood = rawSocket(syncUrl(server.wsUrl, id, token))
    const witness = stockClient(server.wsUrl, id, (await server.invite(id, 'viewer')).token)
    await Promise.all([human.opened, flood.opened, synced(witness)])
    for (let burst = 0; burst < 3; burst++) {
      for (let i = 0; i < 15; i++) human.ws.send(updateMessage((d) => addConcept(d, `h${burst}-${i}`, `Idea ${i}`)))
      // The server took the whole burst in (the witness has its last edit) before time moves on.
      await waitFor(() => witness.doc.getMap('concepts').has(`h${burst}-14`), 5000, `burst ${burst}`)
      clock.advance(800)
    }
    for (let i = 0; i < 200; i++) flood.ws.send(updateMessage((d) => d.getMap('concepts').set(`f${i}`, i)))
    expect((await flood.closed).code).toBe(1013)
    expect(human.ws.readyState).toBe(human.ws.OPEN)
    human.ws.close()
    witness.destroy()
  })

  it('unloads an idle board after IDLE_UNLOAD_MS and loads it again on the next connection', async () => {
    // The idle wait runs on the server's clock: moved on to just before and to the moment, not slept.
    const clock = new ManualClock()
    server = await startTestServer({ clock, env: { IDLE_UNLOAD_MS: '60000' } })
    const { id } = await server.createBoard()
    const token = (await server.invite(id, 'brand')).token
    const s = rawSocket(syncUrl(server.wsUrl, id, token))
    await s.opened
    s.ws.send(updateMessage((d) => addConcept(d, 'kept', 'yes')))
    await waitFor(() => s.messages.length >= 1)
    const health = async () => (await (await fetch(server.url + SERVICE_API.health.path)).json()) as ResponseOf<typeof SERVICE_API.health>
    expect(await health()).toMatchObject({ boards: 1, connections: 1 })
    s.ws.close()
    // The room has seen the close (and armed its idle timer) once it counts no connection.
    for (let h = await health(); h.connections > 0; h = await health()) await new Promise((r) => setImmediate(r))
    clock.advance(59_999)
    expect((await health()).boards).toBe(1)
    clock.advance(1)
    expect((await health()).boards).toBe(0)
    const again = rawSocket(syncUrl(server.wsUrl, id, token))
    await again.opened
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
    again.ws.send(encoding.toUint8Array(e))
    await waitFor(() => again.messages.some((m) => m[0] === 0 && m[1] === 1), 3000, 'sync step 2')
    const step2 = again.messages.find((m) => m[0] === 0 && m[1] === 1)!
    const d = decoding.createDecoder(step2)
    decoding.readVarUint(d)
    decoding.readVarUint(d)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, decoding.readVarUint8Array(d))
    expect((doc.getMap('concepts').get('kept') as Y.Map<unknown>).get('label')).toBe('yes')
    again.ws.close()
  })
})
