import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { ATTACKER_CLIENT, syncUpdateFrame, unapplyableUpdate } from '../support/unapplyable-update'
import { startCluster, type Cluster } from './cluster'
import { gapFree, storedSeqs } from './pg-journal-rows'
import { MessageType } from '../../shared/sync/message-types'

// Three built instances on one PostgreSQL schema and one private Redis; stock clients on each.
let cluster: Cluster
const clients: StockClient[] = []

beforeAll(async () => {
  cluster = await startCluster(3)
}, 60_000)

afterAll(async () => {
  for (const c of clients) c.destroy()
  await cluster?.close()
}, 30_000)

function client(i: number, boardId: string, token: string): StockClient {
  const c = stockClient(cluster.instances[i]!.wsUrl, boardId, token)
  clients.push(c)
  return c
}

const conceptCount = (c: StockClient) => c.doc.getMap('concepts').size

describe('several instances serving one board', () => {
  it('a session ended, a lock, a timer and "bring everyone here" through one instance reach the opted-in connections on the others', async () => {
    const board = await cluster.createBoard('Sessions')
    const customer = await cluster.person(board, 'customer')
    const optedIn = rawSocket(syncUrl(cluster.instances[2]!.wsUrl, board, customer.token))
    const events = (kind: number) =>
      optedIn.messages
        .filter((m) => m[0] === MessageType.boardEvents && m[1] === kind)
        .map((m) => {
          const d = decoding.createDecoder(m)
          decoding.readVarUint(d)
          decoding.readVarUint(d)
          return decoding.readVarString(d)
        })
    try {
      await optedIn.opened
      optedIn.ws.send(new Uint8Array([101]))
      // Answered after the opt-in: the board is loaded on instance 2 and the opt-in is in effect.
      optedIn.ws.send(new Uint8Array([0, 0, 1, 0]))
      await waitFor(() => optedIn.messages.some((m) => m[0] === 0 && m[1] === 1), 15_000, 'sync step 2 on instance 2')
      expect((await cluster.api(0, `/api/boards/${board}/sessions/start`, { method: 'POST', body: JSON.stringify({ name: 'Workshop' }) })).status).toBe(201)
      const ended = await cluster.api(0, `/api/boards/${board}/sessions/end`, { method: 'POST' })
      expect(ended.status).toBe(200)
      await waitFor(() => events(0).length > 0, 10_000, 'the session-ended message on instance 2')
      const sessions = (await (await cluster.api(0, `/api/boards/${board}/sessions`)).json()) as { sessions: Array<{ id: string; kind: string }> }
      const marked = sessions.sessions.find((x) => x.kind === 'marked')!
      expect(events(0)).toEqual([marked.id])

      const state = () => JSON.parse(events(1).at(-1) ?? 'null') as { locked: boolean; timer: unknown } | null
      expect((await cluster.api(0, `/api/boards/${board}`, { method: 'PATCH', body: '{"locked":true}' })).status).toBe(200)
      await waitFor(() => state()?.locked === true, 10_000, 'the lock on instance 2')
      expect((await cluster.api(1, `/api/boards/${board}/timer`, { method: 'PUT', body: '{"seconds":120}' })).status).toBe(200)
      await waitFor(() => state()?.timer !== null, 10_000, 'the timer on instance 2')
      const view = { x: 1, y: 2, w: 300, h: 200 }
      expect((await cluster.api(0, `/api/boards/${board}/bring-everyone`, { method: 'POST', body: JSON.stringify({ view }) })).status).toBe(200)
      await waitFor(() => events(2).length > 0, 10_000, 'bring everyone here on instance 2')
      expect(JSON.parse(events(2)[0]!)).toEqual({ by: { id: 'admin', name: null }, view })
    } finally {
      optedIn.ws.close()
    }
  }, 60_000)

  it('clients on different instances converge, with gap-free seqs and the same history everywhere', async () => {
    const board = await cluster.createBoard()
    const token = await cluster.invite(board)
    const a = client(0, board, token)
    const b = client(1, board, token)
    const c = client(2, board, token)
    await Promise.all([synced(a, 15_000), synced(b, 15_000), synced(c, 15_000)])

    // Interleaved writers on two instances: both append to the same board at once.
    for (let round = 0; round < 30; round++) {
      addConcept(a.doc, `a${round}`, `from A ${round}`, round, 0)
      addConcept(b.doc, `b${round}`, `from B ${round}`, round, 50)
      if (round % 5 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    // The same concept relabelled on two instances at once: one label wins everywhere.
    const shared = a.doc.getMap('concepts').get('a0') as Y.Map<unknown>
    shared.set('label', 'relabelled on A')
    await waitFor(() => conceptCount(b) === 60, 20_000, 'B to hear A')
    ;(b.doc.getMap('concepts').get('a0') as Y.Map<unknown>).set('label', 'relabelled on B')

    await waitFor(() => conceptCount(c) === 60 && mapOf(a.doc) === mapOf(b.doc) && mapOf(b.doc) === mapOf(c.doc), 20_000, 'convergence')

    // A late joiner on each instance gets the same map.
    for (let i = 0; i < 3; i++) {
      const late = client(i, board, token)
      await synced(late, 15_000)
      await waitFor(() => mapOf(late.doc) === mapOf(a.doc), 10_000, `late joiner on instance ${i}`)
    }

    const seqs = await storedSeqs(cluster.schema, board)
    expect(seqs.length).toBeGreaterThanOrEqual(62)
    expect(gapFree(seqs)).toBe(true)

    // Derived history is written by every instance and must be one history, not three.
    const histories = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const res = await cluster.api(i, `/api/boards/${board}/history?limit=5000`)
        expect(res.status).toBe(200)
        return (await res.json()) as { events: Array<{ seq: number; kind: string; element: { id: string } }> }
      })
    )
    expect(histories[0]!.events.filter((e) => e.kind === 'create').length).toBe(60)
    expect(histories[1]).toEqual(histories[0])
    expect(histories[2]).toEqual(histories[0])
  }, 90_000)

  it('a lock, a revocation and archiving made on one instance apply to connections on the others at once', async () => {
    const board = await cluster.createBoard('Access')
    const writer = await cluster.person(board, 'customer')
    const other = await cluster.person(board, 'brand')
    // The board is loaded on instances 1 and 2 only; the changes are made through instance 0.
    const w = client(1, board, writer.token)
    const o = client(2, board, other.token)
    await Promise.all([synced(w, 15_000), synced(o, 15_000)])

    const patch = (body: object) => cluster.api(0, `/api/boards/${board}`, { method: 'PATCH', body: JSON.stringify(body) })
    expect((await patch({ locked: true })).status).toBe(200)
    // Each attempt is refused with message type 2 once the lock has reached instance 1.
    let n = 0
    await waitFor(
      () => {
        if (w.permissionDenied.length > 0) return true
        addConcept(w.doc, `locked-${n++}`, 'while locked')
        return false
      },
      10_000,
      'the lock to reach instance 1'
    )
    // The refused edits came back to their author as reverts, through the shared journal: both agree.
    await waitFor(() => mapOf(w.doc) === mapOf(o.doc), 10_000, 'the author and the other instance to agree')
    expect(conceptCount(o)).toBeLessThan(n)
    expect(w.permissionDenied.every((reason) => reason === 'locked')).toBe(true)
    expect((await patch({ locked: false })).status).toBe(200)
    // Not stranded: the author's next edit is accepted and reaches the other instance.
    let k = 0
    await waitFor(
      () => {
        if ([...o.doc.getMap('concepts').keys()].some((key) => key.startsWith('after-unlock'))) return true
        addConcept(w.doc, `after-unlock-${k++}`, 'after unlock')
        return false
      },
      10_000,
      'the author’s edit after unlock on the other instance'
    )
    await waitFor(() => mapOf(w.doc) === mapOf(o.doc), 10_000, 'the author and the other instance to agree after unlock')

    const revoke = await cluster.api(0, `/api/boards/${board}/participants/${writer.participantId}/revoke`, { method: 'POST' })
    expect(revoke.status).toBe(200)
    await waitFor(() => w.closes.some((c) => c.code === 4401), 10_000, 'the revoked socket on instance 1 to close with 4401')

    expect((await patch({ archived: true })).status).toBe(200)
    await waitFor(() => o.closes.some((c) => c.code === 4403), 10_000, 'the socket on instance 2 to close with 4403')
  }, 60_000)

  it('an update that cannot be applied closes its sender only; the room rebuilds from the shared journal', async () => {
    const board = await cluster.createBoard('Crafted')
    const token = await cluster.invite(board)
    const a = client(0, board, token)
    const b = client(1, board, token)
    await Promise.all([synced(a, 15_000), synced(b, 15_000)])
    for (let i = 0; i < 5; i++) addConcept(a.doc, `a${i}`, `from A ${i}`)
    await waitFor(() => conceptCount(b) === 5, 10_000, 'B to hear A')

    const attacker = await cluster.person(board, 'customer')
    const s = rawSocket(syncUrl(cluster.instances[0]!.wsUrl, board, attacker.token))
    await s.opened
    s.ws.send(syncUpdateFrame(unapplyableUpdate()))
    expect((await s.closed).code).toBe(4400)

    // Edits on both instances right after: applied on the rebuilt document, in seq order.
    for (let i = 0; i < 5; i++) {
      addConcept(a.doc, `a${i + 5}`, `from A ${i + 5}`)
      addConcept(b.doc, `b${i}`, `from B ${i}`)
    }
    await waitFor(() => conceptCount(a) === 15 && mapOf(a.doc) === mapOf(b.doc), 15_000, 'convergence after the crafted update')
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])
    const late = client(0, board, token)
    await synced(late, 15_000)
    await waitFor(() => mapOf(late.doc) === mapOf(a.doc), 10_000, 'a late joiner on the instance that rebuilt')
    expect(late.doc.store.clients.has(ATTACKER_CLIENT)).toBe(false)
    expect(gapFree(await storedSeqs(cluster.schema, board))).toBe(true)
    const histories = await Promise.all(
      [0, 1].map(async (i) => ((await (await cluster.api(i, `/api/boards/${board}/history?limit=5000`)).json()) as { events: unknown[] }).events)
    )
    expect(histories[1]).toEqual(histories[0])
  }, 60_000)

  it('presence crosses instances, and leaves them when a connection closes', async () => {
    const board = await cluster.createBoard('Presence')
    const token = await cluster.invite(board)
    const people = [0, 1, 2].map((i) => client(i, board, token))
    await Promise.all(people.map((p) => synced(p, 15_000)))
    people.forEach((p, i) => p.provider.awareness.setLocalStateField('user', { name: `person ${i}` }))
    const seen = (p: StockClient) =>
      [...p.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name).filter(Boolean).sort()
    for (const p of people) await waitFor(() => seen(p).length === 3, 15_000, 'everyone sees everyone')

    // Someone joining later on another instance sees who is there already.
    const late = client(0, board, token)
    await synced(late, 15_000)
    await waitFor(() => seen(late).length === 3, 15_000, 'a late joiner sees present people on other instances')

    // Back from a disconnect, a client sees the people on the other instances at once (not at their
    // 15 s renewal), and still hears their next change though its instance numbered them for it.
    const back = people[0]!
    back.provider.disconnect()
    await waitFor(() => seen(back).length === 1, 5000, 'the others dropped on the disconnect')
    back.provider.connect()
    await waitFor(() => seen(back).length === 3, 3000, 'the others seen again after the reconnect')
    const cursorOf = (p: StockClient, other: StockClient) => (p.provider.awareness.getStates().get(other.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x
    people[1]!.provider.awareness.setLocalStateField('cursor', { x: 7, y: 7 })
    await waitFor(() => cursorOf(back, people[1]!) === 7 && cursorOf(late, people[1]!) === 7, 3000, 'a change from another instance after the reconnect')

    // Closing a connection on instance 2 removes its state on instances 0 and 1 at once (no 30 s timeout).
    const leaving = people[2]!
    leaving.destroy()
    await waitFor(() => seen(people[0]!).length === 2 && seen(people[1]!).length === 2, 10_000, 'removal across instances')
    expect(seen(people[0]!)).toEqual(['person 0', 'person 1'])
  }, 60_000)

  it('back on a restarted instance, a client sees an idle person on another instance at once', async () => {
    const board = await cluster.createBoard('Presence restart')
    const token = await cluster.invite(board)
    const idle = client(0, board, token)
    const moving = client(1, board, token)
    await Promise.all([synced(idle, 15_000), synced(moving, 15_000)])
    const cursorOf = (p: StockClient, other: StockClient) => (p.provider.awareness.getStates().get(other.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x
    // A few changes and a reconnect, so the restarted instance's clocks start below those its clients hold.
    for (let x = 1; x <= 3; x++) {
      idle.provider.awareness.setLocalStateField('cursor', { x, y: 0 })
      await waitFor(() => cursorOf(moving, idle) === x, 15_000, `the idle person's cursor at ${x}`)
    }
    moving.provider.disconnect()
    await waitFor(() => cursorOf(moving, idle) === undefined, 5000, 'the idle person dropped on the disconnect')
    moving.provider.connect()
    await waitFor(() => cursorOf(moving, idle) === 3, 5000, 'the idle person seen again after the reconnect')

    await cluster.restart(1)
    // The stock client reconnects on its own (backoff up to 2.5 s a try); "at once" counts from then.
    await synced(moving, 15_000)
    expect(moving.closes.map((c) => c.code)).toContain(1012)
    await waitFor(() => cursorOf(moving, idle) === 3, 3000, 'the idle person seen again after the restart')
  }, 60_000)
})
