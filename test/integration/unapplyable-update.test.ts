import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'
import { ATTACKER_CLIENT, syncUpdateFrame, unapplyableUpdate } from '../support/unapplyable-update'

let server: TestServer
const clients: StockClient[] = []
let stopped = false

beforeEach(async () => {
  // Checkpoints every few entries: the rebuild starts from one, as a load does.
  server = await startTestServer({ env: { CHECKPOINT_EVERY: '3' } })
  stopped = false
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  if (!stopped) await server.close(true)
})

const honest = async (id: string, role: 'brand' | 'customer') => {
  const invite = await server.invite(id, role)
  const c = stockClient(server.wsUrl, id, invite.token)
  clients.push(c)
  await synced(c)
  return { client: c, participantId: invite.participantId }
}

const stillConnected = (c: StockClient) => c.closes.length === 0 && c.provider.wsconnected && c.provider.ws?.readyState === WebSocket.OPEN

const concepts = (c: StockClient) => [...c.doc.getMap('concepts').keys()].sort()

/** Sends the crafted update on a fresh editor connection and returns the close code it gets. */
async function attack(id: string, token: string, client = ATTACKER_CLIENT): Promise<number | string> {
  const s = rawSocket(syncUrl(server.wsUrl, id, token))
  await s.opened
  s.ws.send(syncUpdateFrame(unapplyableUpdate(client)))
  return (await s.closed).code
}

describe('an update that decodes but cannot be applied', () => {
  it('is rejected offline as the server sees it (the premise of the tests below)', () => {
    const update = unapplyableUpdate()
    expect(() => Y.decodeUpdate(update)).not.toThrow()
    const doc = new Y.Doc()
    addConcept(doc, 'a', 'a board')
    expect(() => Y.applyUpdate(doc, update)).toThrow()
    // Half-applied: the first struct is in, which is why the server must not keep this document.
    expect(doc.store.clients.has(ATTACKER_CLIENT)).toBe(true)
    doc.destroy()
  })

  it('closes only its sender (4400): the others stay connected, converge, and the journal holds only honest edits', async () => {
    const { id } = await server.createBoard()
    const a = await honest(id, 'brand')
    const b = await honest(id, 'customer')
    a.client.provider.awareness.setLocalStateField('user', { name: 'Ann' })
    addConcept(a.client.doc, 'a1', 'from a')
    addConcept(b.client.doc, 'b1', 'from b')
    await waitFor(() => concepts(a.client).length === 2 && mapOf(a.client.doc) === mapOf(b.client.doc), 3000, 'first edits')

    const attacker = await server.invite(id, 'brand')
    expect(await attack(id, attacker.token)).toBe(4400)

    // Nobody else was disconnected, and their presence is still known to each other: checked once an
    // edit made after the attack went round (a to the server to b), so a wrongful close would be in.
    addConcept(a.client.doc, 'a2', 'after the attack, from a')
    await waitFor(() => concepts(b.client).includes('a2'), 3000, 'b hears a')
    expect(stillConnected(a.client)).toBe(true)
    expect(stillConnected(b.client)).toBe(true)
    expect(b.client.provider.awareness.getStates().get(a.client.doc.clientID)).toMatchObject({ user: { name: 'Ann' } })
    const between = Date.now()
    await new Promise((r) => setTimeout(r, 20))
    addConcept(b.client.doc, 'b2', 'after the attack, from b')
    await waitFor(() => concepts(a.client).includes('b2'), 3000, 'a hears b')
    expect(mapOf(a.client.doc)).toBe(mapOf(b.client.doc))
    expect(stillConnected(a.client) && stillConnected(b.client)).toBe(true)

    // A late joiner gets the honest board and nothing of the half-applied update.
    const late = await honest(id, 'customer')
    await waitFor(() => mapOf(late.client.doc) === mapOf(a.client.doc), 3000, 'late joiner converges')
    expect(concepts(late.client)).toEqual(['a1', 'a2', 'b1', 'b2'])
    expect(late.client.doc.store.clients.has(ATTACKER_CLIENT)).toBe(false)
    expect(late.client.doc.share.has('crafted')).toBe(false)

    // The room's document now (room.doc) and its derived history (the collector) both followed the swap.
    const now = (await (await server.api(`/api/boards/${id}/map`)).json()) as { concepts: Array<{ id: string }> }
    expect(now.concepts.map((c) => c.id).sort()).toEqual(['a1', 'a2', 'b1', 'b2'])
    const then = (await (await server.api(`/api/boards/${id}/map?at=${between}`)).json()) as { concepts: Array<{ id: string }> }
    expect(then.concepts.map((c) => c.id).sort()).toEqual(['a1', 'a2', 'b1'])

    for (const c of clients.splice(0)) c.destroy()
    await server.close()
    stopped = true
    const store = await openEmbeddedStore({ dataDir: server.dataDir, fsyncIntervalMs: 50, log: createLogger('silent') })
    try {
      const journal = await store.journals.open(id)
      const loaded = await journal.load()
      const entries = await journal.read(0, Number.MAX_SAFE_INTEGER)
      await journal.close()
      expect(entries.length).toBe(loaded.lastSeq)
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
      const authors = new Set(entries.map((e) => e.participantId))
      expect(authors.has(attacker.participantId)).toBe(false)
      expect([...authors].every((p) => ['system', a.participantId, b.participantId].includes(p))).toBe(true)
      for (const e of entries) expect(Y.decodeUpdate(e.update).structs.some((s) => s.id.client === ATTACKER_CLIENT)).toBe(false)
      const replayed = new Y.Doc()
      Y.applyUpdate(replayed, Y.mergeUpdates(entries.map((e) => e.update)))
      expect([...replayed.getMap('concepts').keys()].sort()).toEqual(['a1', 'a2', 'b1', 'b2'])
      replayed.destroy()
    } finally {
      await store.close()
      await server.close(true).catch(() => {})
    }
  })

  it('refuses a participant that sends three (4403), also when it connects again; others are unaffected', async () => {
    const { id } = await server.createBoard()
    const witness = await honest(id, 'brand')
    addConcept(witness.client.doc, 'w', 'witness')
    const attacker = await server.invite(id, 'customer')
    expect(await attack(id, attacker.token)).toBe(4400)
    expect(await attack(id, attacker.token)).toBe(4400)
    // A second connection of the same participant, idle: it is closed with the third strike too.
    const idle = rawSocket(syncUrl(server.wsUrl, id, attacker.token))
    await idle.opened
    expect(await attack(id, attacker.token)).toBe(4403)
    expect((await idle.closed).code).toBe(4403)
    const again = rawSocket(syncUrl(server.wsUrl, id, attacker.token))
    expect((await again.closed).code).toBe(4403)

    expect(stillConnected(witness.client)).toBe(true)
    // Someone else with the same role is not refused, and everyone converges.
    const other = await honest(id, 'customer')
    addConcept(other.client.doc, 'o', 'other')
    await waitFor(() => concepts(witness.client).includes('o'), 3000, 'witness hears the other')
    expect(mapOf(other.client.doc)).toBe(mapOf(witness.client.doc))
    expect(other.client.doc.store.clients.has(ATTACKER_CLIENT)).toBe(false)
    expect(stillConnected(witness.client)).toBe(true)
  })

  it('counts per remote address: three participants from one address refuse it, on every board', async () => {
    // Loopback is one address for everyone behind a same-host proxy, so it counts only when asked to.
    await server.close(true)
    server = await startTestServer({ env: { CHECKPOINT_EVERY: '3', RATE_LIMIT_LOOPBACK: '1' } })
    const { id } = await server.createBoard()
    const { id: elsewhere } = await server.createBoard('Another board')
    const codes: Array<number | string> = []
    // Three people invited one by one (each under the three a participant may send), one address.
    for (let i = 0; i < 3; i++) codes.push(await attack(id, (await server.invite(id, 'customer')).token, ATTACKER_CLIENT + i))
    expect(codes).toEqual([4400, 4400, 4403])
    // Whoever connects from that address next is refused, on this board and on any other.
    for (const board of [id, elsewhere]) {
      const next = rawSocket(syncUrl(server.wsUrl, board, (await server.invite(board, 'brand')).token))
      expect((await next.closed).code).toBe(4403)
    }
  })

  it('counts per group link and bounds the rebuilds of a board: people minted on demand cannot force more than five', async () => {
    const { id } = await server.createBoard()
    const witness = await honest(id, 'brand')
    const link = (await (await server.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true }) })).json()) as { token: string }
    const mint = async (name: string) => {
      const res = await server.api('/api/join', { method: 'POST', body: JSON.stringify({ name }), token: link.token })
      expect(res.status).toBe(201)
      return ((await res.json()) as { token: string }).token
    }
    // Two each, under the three a participant may send: the fifth spends the board's budget and refuses
    // its sender (4403 after its rebuild) and the link; that sender's next connection is refused at once.
    const codes: Array<number | string> = []
    // Each under a client id of its own: one already written under is another participant's (refused unapplied).
    for (const [i, name] of ['one', 'two', 'three'].entries()) {
      const token = await mint(name)
      codes.push(await attack(id, token, ATTACKER_CLIENT + i), await attack(id, token, ATTACKER_CLIENT + i))
    }
    expect(codes).toEqual([4400, 4400, 4400, 4400, 4403, 4403])
    // The link is refused now: whoever joins through it next cannot even connect.
    const fourth = rawSocket(syncUrl(server.wsUrl, id, await mint('four')))
    expect((await fourth.closed).code).toBe(4403)
    // Someone invited otherwise is not refused.
    const other = await honest(id, 'customer')
    addConcept(other.client.doc, 'o', 'other')
    await waitFor(() => concepts(witness.client).includes('o'), 3000, 'witness hears the other')
    expect(stillConnected(witness.client)).toBe(true)
  })
})
