import { createHmac } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
/** The server's time, moved on by a test to expire a token. */
let clock: ManualClock
const clients: StockClient[] = []

beforeEach(async () => {
  clock = new ManualClock()
  server = await startTestServer({ clock, env: { MAX_FRAME_BYTES: String(64 * 1024) } })
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const closeCodeFor = async (boardId: string, token?: string, headers?: Record<string, string>) => {
  const s = rawSocket(syncUrl(server.wsUrl, boardId, token), { headers })
  return (await s.closed).code
}

describe('tokens are checked before anything is synced', () => {
  it('refuses missing, forged, altered, alg-none, other-key, expired and other-board tokens with 4401', async () => {
    const { id } = await server.createBoard()
    const other = await server.createBoard('Other')
    const { token } = await server.invite(id, 'viewer')
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const altered = `${header}.${b64({ ...claims, role: 'facilitator' })}.${signature}`
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`
    const otherKeyBody = `${header}.${payload}`
    const otherKey = `${otherKeyBody}.${createHmac('sha256', 'not-the-server-key').update(otherKeyBody).digest('base64url')}`
    const otherBoard = (await server.invite(other.id, 'facilitator')).token
    const shortLived = (await server.invite(id, 'brand', undefined, 1)).token
    for (const bad of [undefined, '', 'garbage', altered, algNone, otherKey, otherBoard, `${token}x`]) {
      expect(await closeCodeFor(id, bad), String(bad)).toBe(4401)
    }
    const live = rawSocket(syncUrl(server.wsUrl, id, shortLived))
    await live.opened
    live.ws.close()
    clock.advance(1000)
    expect(await closeCodeFor(id, shortLived)).toBe(4401)
  })

  it('answers an unknown board with 4404 and never turns a bad id into a path', async () => {
    expect(await closeCodeFor('no-such-board', server.adminToken)).toBe(4404)
    for (const bad of ['../../etc', 'a/b', 'x'.repeat(65), 'bad id', '%2e%2e', 'ü']) {
      expect(await closeCodeFor(bad, server.adminToken), bad).toBe(4404)
    }
    // Paths that a URL parser folds away never reach the sync endpoint at all.
    expect(await closeCodeFor('..', server.adminToken)).toBe('http:404')
    expect(await readdir(`${server.dataDir}/boards`)).toEqual([])
  })

  it('refuses a browser origin that is neither ours nor allowed (4403)', async () => {
    const { id } = await server.createBoard()
    const { token } = await server.invite(id, 'brand')
    expect(await closeCodeFor(id, token, { origin: 'https://evil.example' })).toBe(4403)
    const own = rawSocket(syncUrl(server.wsUrl, id, token), { headers: { origin: server.url } })
    await own.opened
    own.ws.close()
  })
})

describe('bad frames close only the sender', () => {
  async function boardWithWitness() {
    const { id } = await server.createBoard()
    const { token } = await server.invite(id, 'brand')
    const witness = stockClient(server.wsUrl, id, (await server.invite(id, 'customer')).token)
    clients.push(witness)
    await synced(witness)
    addConcept(witness.doc, 'w', 'before')
    // The server holds the witness's edit before anyone attacks.
    const onServer = async () => ((await (await server.api(`/api/boards/${id}/map`)).json()) as { concepts: Array<{ id: string }> }).concepts.map((c) => c.id)
    await expect.poll(onServer, { interval: 10 }).toEqual(['w'])
    return { id, token, witness, before: mapOf(witness.doc) }
  }

  async function expectWitnessUnharmed(id: string, witness: StockClient, before: string) {
    expect(mapOf(witness.doc)).toBe(before)
    const other = stockClient(server.wsUrl, id, (await server.invite(id, 'brand')).token)
    clients.push(other)
    await synced(other)
    await waitFor(() => mapOf(other.doc) === before, 3000, 'unchanged board')
    addConcept(witness.doc, 'after', 'still converging')
    await waitFor(() => other.doc.getMap('concepts').has('after'), 3000, 'convergence after the attack')
  }

  it('closes a frame over the size cap with 1009', async () => {
    const { id, token, witness, before } = await boardWithWitness()
    const s = rawSocket(syncUrl(server.wsUrl, id, token))
    await s.opened
    const huge = new Uint8Array(70 * 1024)
    huge[0] = 0
    huge[1] = 2
    s.ws.send(huge)
    expect((await s.closed).code).toBe(1009)
    await expectWitnessUnharmed(id, witness, before)
  })

  it.each([
    ['random bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])],
    ['an unknown message type', new Uint8Array([42, 0])],
    ['a truncated sync message', new Uint8Array([0, 2, 50, 1, 2])],
    ['an update Yjs cannot decode', (() => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 5, 0, 255, 255, 255, 9]))
      return encoding.toUint8Array(e)
    })()],
    ['a valid message followed by garbage', new Uint8Array([3, 0, 0, 0])],
    ['an awareness update that is not JSON', (() => {
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, 12345)
      encoding.writeVarUint(inner, 1)
      encoding.writeVarString(inner, '{not json')
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
      return encoding.toUint8Array(e)
    })()]
  ])('closes %s with 4400 and changes nothing', async (_name, frame) => {
    const { id, token, witness, before } = await boardWithWitness()
    const s = rawSocket(syncUrl(server.wsUrl, id, token))
    await s.opened
    s.ws.send(frame)
    expect((await s.closed).code).toBe(4400)
    await expectWitnessUnharmed(id, witness, before)
  })

  it('closes a text frame with 4400', async () => {
    const { id, token } = await boardWithWitness()
    const s = rawSocket(syncUrl(server.wsUrl, id, token))
    await s.opened
    s.ws.send('hello')
    expect((await s.closed).code).toBe(4400)
  })
})
