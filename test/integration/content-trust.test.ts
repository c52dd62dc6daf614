import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { parsePrometheusText, sampleValue } from '../support/prometheus-text'
import { rawSocket, syncUrl, type RawSocket } from '../support/raw-socket'
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server'
import { syncUpdateFrame } from '../support/unapplyable-update'
import { deniedReasons, squatUpdate } from '../support/hostile-sync'

/**
 * What one participant may put into a board through sync, held by the server (issue 19, items 2 and
 * 5): stock y-websocket clients as honest people, raw WebSockets as hostile ones, on a real server.
 */
let server: TestServer | null = null
const clients: StockClient[] = []
const sockets: RawSocket[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.ws.terminate()
  await server?.close(true)
  server = null
})

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  server = await startTestServer(options)
  return server
}

function connect(s: TestServer, boardId: string, token: string): StockClient {
  const c = stockClient(s.wsUrl, boardId, token)
  clients.push(c)
  return c
}

const refusedTotal = async (s: TestServer, reason: string) =>
  sampleValue(parsePrometheusText(await (await fetch(`${s.url}/metrics`)).text()), 'cg_sync_updates_refused_total', { reason }) ?? 0

describe('content limits through sync', () => {
  it('refuses an update of more structs than a board takes at once (4413) before applying it; the board and the others are unaffected', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const brand = connect(s, id, (await s.invite(id, 'brand')).token)
    const witness = connect(s, id, (await s.invite(id, 'facilitator')).token)
    await Promise.all([synced(brand), synced(witness)])
    // 15,000 concepts: under the board's 20,000, but 60,000 structs in one update.
    brand.doc.transact(() => {
      for (let i = 0; i < 15_000; i++) addConcept(brand.doc, `bulk${i}`, `concept ${i}`, i % 1000, Math.floor(i / 1000))
    })
    await waitFor(() => brand.closes.length > 0, 20_000, 'the close')
    expect(brand.closes[0]!.code).toBe(4413)
    expect(await refusedTotal(s, 'too-many-structs')).toBe(1)

    addConcept(witness.doc, 'after', 'after the refusal')
    const other = connect(s, id, (await s.invite(id, 'customer')).token)
    await synced(other)
    await waitFor(() => other.doc.getMap('concepts').has('after'), 5000, 'the honest edit')
    expect(other.doc.getMap('concepts').size).toBe(1)
    expect(witness.closes).toEqual([])
  }, 60_000)

  it('spends one byte quota per participant across its connections (1013), others keep editing', async () => {
    const s = await start({ env: { PARTICIPANT_BYTES_BURST: String(200 * 1024), PARTICIPANT_BYTES_PER_SECOND: '1024' } })
    const { id } = await s.createBoard()
    const token = (await s.invite(id, 'brand')).token
    const first = connect(s, id, token)
    const second = connect(s, id, token)
    const other = connect(s, id, (await s.invite(id, 'customer')).token)
    await Promise.all([synced(first), synced(second), synced(other)])
    const long = 'w'.repeat(1900)
    // About 150 KB from each connection: each under its own rate, together over the participant's quota.
    first.doc.transact(() => {
      for (let i = 0; i < 75; i++) addConcept(first.doc, `f${i}`, long)
    })
    await waitFor(() => other.doc.getMap('concepts').has('f74'), 5000, 'the first batch')
    second.doc.transact(() => {
      for (let i = 0; i < 75; i++) addConcept(second.doc, `s${i}`, long)
    })
    await waitFor(() => second.closes.length > 0, 5000, 'the quota')
    expect(second.closes[0]).toMatchObject({ code: 1013, reason: 'participant byte quota exceeded' })
    expect(other.doc.getMap('concepts').has('s0')).toBe(false)
    expect(await refusedTotal(s, 'quota')).toBeGreaterThanOrEqual(1)
    addConcept(other.doc, 'mine', 'still editing')
    await waitFor(() => first.doc.getMap('concepts').has('mine'), 5000, 'another participant’s edit')
    second.provider.disconnect()
  })
})

describe('the board’s meta', () => {
  it('PATCH sets the document’s title and focus question whatever the stored record says (it repairs the document)', async () => {
    const s = await start()
    const { id } = await s.createBoard('Workshop A', 'What builds trust?')
    const facilitator = connect(s, id, (await s.invite(id, 'facilitator')).token)
    const brand = connect(s, id, (await s.invite(id, 'brand')).token)
    await Promise.all([synced(facilitator), synced(brand)])
    const meta = (c: StockClient) => c.doc.getMap('meta')
    // A brand cannot touch it at all.
    meta(brand).set('title', 'Hijacked')
    await waitFor(() => brand.permissionDenied.includes('meta-facilitator-only'), 5000, 'the refusal')
    expect(meta(facilitator).get('title')).toBe('Workshop A')
    // A facilitator's live edit leaves the record behind; PATCH with the record's own values restores them.
    meta(facilitator).set('title', 'Renamed live')
    await waitFor(() => meta(brand).get('title') === 'Renamed live', 5000, 'the live rename')
    const res = await s.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ title: 'Workshop A', focusQuestion: 'What builds trust?' }) })
    expect(res.status).toBe(200)
    await waitFor(() => meta(brand).get('title') === 'Workshop A', 5000, 'the repaired title')
    expect(meta(brand).get('focusQuestion')).toBe('What builds trust?')
  })
})

describe('client ids belong to the participant that first wrote under them', () => {
  it('refuses structs under another participant’s id before applying them; that participant’s later edits still land', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const victim = connect(s, id, (await s.invite(id, 'customer')).token)
    const witness = connect(s, id, (await s.invite(id, 'facilitator')).token)
    await Promise.all([synced(victim), synced(witness)])
    addConcept(victim.doc, 'v1', 'the victim’s first idea')
    await waitFor(() => witness.doc.getMap('concepts').has('v1'), 5000, 'the victim’s edit')

    const attacker = rawSocket(syncUrl(s.wsUrl, id, (await s.invite(id, 'brand')).token))
    sockets.push(attacker)
    await attacker.opened
    attacker.ws.send(syncUpdateFrame(squatUpdate(victim.doc, 'written under the victim’s id')))
    // Dropped outright and told; the connection stays (a stock client forwards others' structs too).
    await waitFor(() => deniedReasons(attacker).length > 0, 5000, 'the refusal')
    expect(deniedReasons(attacker)).toEqual(['client-id'])
    expect(attacker.ws.readyState).toBe(attacker.ws.OPEN)

    addConcept(victim.doc, 'v2', 'the victim’s second idea')
    await waitFor(() => witness.doc.getMap('concepts').has('v2'), 5000, 'the victim’s later edit')
    expect(witness.doc.getMap('concepts').has('forged')).toBe(false)
    expect(await refusedTotal(s, 'client-id')).toBe(1)
  })

  it('a stock client forwarding another participant’s unsaved edits is not cut off: those structs are dropped, its own land, and the owner’s resend brings them in', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const owner = connect(s, id, (await s.invite(id, 'customer')).token)
    const forwarder = connect(s, id, (await s.invite(id, 'brand')).token)
    const witness = connect(s, id, (await s.invite(id, 'facilitator')).token)
    await Promise.all([synced(owner), synced(forwarder), synced(witness)])
    addConcept(owner.doc, 'o1', 'the owner’s first idea')
    await waitFor(() => witness.doc.getMap('concepts').has('o1'), 5000, 'the owner’s edit (its client id is now bound)')
    // The owner goes offline and edits; the forwarder comes by those edits outside the server (as after
    // a restart that lost what was never journaled) and, being a stock client, sends them on.
    owner.provider.disconnect()
    addConcept(owner.doc, 'o2', 'written offline')
    Y.applyUpdate(forwarder.doc, Y.encodeStateAsUpdate(owner.doc))
    await waitFor(() => forwarder.permissionDenied.includes('client-id'), 5000, 'the refusal of the forwarded structs')
    expect(witness.doc.getMap('concepts').has('o2')).toBe(false)
    // The forwarder stays connected, and its own later edits land.
    addConcept(forwarder.doc, 'f1', 'the forwarder’s own idea')
    await waitFor(() => witness.doc.getMap('concepts').has('f1'), 5000, 'the forwarder’s own edit')
    expect(forwarder.closes).toEqual([])
    // The owner comes back and its own resend brings the offline edit in.
    owner.provider.connect()
    await waitFor(() => witness.doc.getMap('concepts').has('o2'), 5000, 'the owner’s resend')
    expect(owner.closes.filter((c) => c.code !== 1000 && c.code !== 1005)).toEqual([])
  })

  it('still knows whose an id is after a restart (from the journal)', async () => {
    let s = await start()
    const { id } = await s.createBoard()
    const brandToken = (await s.invite(id, 'brand')).token
    const victim = connect(s, id, (await s.invite(id, 'customer')).token)
    await synced(victim)
    addConcept(victim.doc, 'v1', 'before the restart')
    const witness = connect(s, id, (await s.invite(id, 'facilitator')).token)
    await waitFor(() => witness.doc.getMap('concepts').has('v1'), 5000, 'the victim’s edit')
    for (const c of clients.splice(0)) c.destroy()
    s = server = await s.restart()

    const attacker = rawSocket(syncUrl(s.wsUrl, id, brandToken))
    sockets.push(attacker)
    await attacker.opened
    attacker.ws.send(syncUpdateFrame(squatUpdate(victim.doc, 'after the restart')))
    await waitFor(() => deniedReasons(attacker).length > 0, 5000, 'the refusal')
    expect(deniedReasons(attacker)).toEqual(['client-id'])
    const fresh = connect(s, id, (await s.invite(id, 'viewer')).token)
    await synced(fresh)
    expect(fresh.doc.getMap('concepts').has('v1')).toBe(true)
    expect(fresh.doc.getMap('concepts').has('forged')).toBe(false)
  })
})
