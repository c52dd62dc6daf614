/**
 * What an accepted update costs the server beyond the relay's socket writes (issue 22, scenario c in
 * process): 30 writers each relabel their own concept through the real room (embedded journal and
 * write-ahead log, derived history on, the board's rules), on sockets that drop what they are sent,
 * so no socket write is counted. Beside it, what any relay pays for the same updates (Y.applyUpdate
 * with an 'update' listener that frames the relay message, as @y/websocket-server does). The
 * updates are made ahead: a client's own work is not the server's. CPU is this process's (all
 * threads). Run: `npx tsx test/bench/accept-cost.ts` (N updates, default 6,000).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { openHistoryBenchStore } from './history-bench-store'
import { MessageType } from '../../shared/sync/message-types'
import { startTestServer } from '../support/server'
import type { SyncSocket } from '../../server/sync/sync-socket'
const N = Number(process.env.N ?? 6000)
const CLIENTS = 30
const log = createLogger('silent')
const dataDir = await mkdtemp(join(tmpdir(), 'cg-accept-'))
const creator = await startTestServer({ dataDir })
const { id: board } = await creator.createBoard('c', 'cost per update')
await creator.close()
const { registry, history, close } = await openHistoryBenchStore(dataDir, log)
const room = await registry.room(board)
await history.board(board)
class Drop implements SyncSocket {
  bufferedAmount = 0
  send(): void {}
  close(): void {}
}
const message = (update: Uint8Array) => { const e = encoding.createEncoder(); encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeUpdate(e, update); return encoding.toUint8Array(e) }
const clients = Array.from({ length: CLIENTS }, (_, i) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc))
  const conn = room.join(new Drop(), { id: `p${i}`, role: i % 2 ? 'customer' : 'brand', name: `p${i}` })
  let last: Uint8Array | null = null
  doc.on('update', (u: Uint8Array) => { last = u })
  return { doc, conn, take: () => { const u = last!; last = null; return u } }
})
const settle = async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)) }
const updates: Uint8Array[][] = clients.map(() => [])
for (const [i, c] of clients.entries()) {
  c.doc.transact(() => { const m = new Y.Map<unknown>(); c.doc.getMap('concepts').set(`c${i}`, m); m.set('label', 'x'); m.set('x', 1); m.set('y', 2) })
  room.receive(c.conn, message(c.take())); await settle()
}
// Prepared ahead: each client's relabels (the client's own cost is not the server's).
const reference = new Y.Doc(); Y.applyUpdate(reference, Y.encodeStateAsUpdate(room.doc))
for (let k = 0; k < N / CLIENTS; k++) for (const [i, c] of clients.entries()) {
  ;(c.doc.getMap('concepts').get(`c${i}`) as Y.Map<unknown>).set('label', `label ${k} of ${i}`)
  updates[i]!.push(c.take())
}
const order: Array<[number, Uint8Array]> = []
for (let k = 0; k < N / CLIENTS; k++) for (let i = 0; i < CLIENTS; i++) order.push([i, updates[i]![k]!])
// The reference model first (what any relay pays): apply, encode the transaction's update, frame it.
reference.on('update', (u: Uint8Array) => { message(u) })
let c0 = process.cpuUsage()
for (const [, u] of order) Y.applyUpdate(reference, u, 'client')
let used = process.cpuUsage(c0)
const refUs = ((used.user + used.system) / order.length)
await settle()
c0 = process.cpuUsage()
const wall = performance.now()
for (const [n, [i, u]] of order.entries()) {
  room.receive(clients[i]!.conn, message(u))
  if (n % 30 === 29) await new Promise((r) => setTimeout(r, 1))
}
await settle(); await room.journal.flush(); await (await history.board(board)).recorder.settled()
used = process.cpuUsage(c0)
const roomUs = ((used.user + used.system) / order.length)
const label = (room.doc.getMap('concepts').get('c0') as Y.Map<unknown> | undefined)?.get('label')
if (label !== `label ${N / CLIENTS - 1} of 0`) throw new Error(`the room did not take every update (c0 says ${String(label)})`)
console.log(`room ${roomUs.toFixed(1)} µs CPU/update (user ${(used.user / order.length).toFixed(1)}, sys ${(used.system / order.length).toFixed(1)}); reference model ${refUs.toFixed(1)} µs; ${order.length} updates, wall ${(performance.now() - wall).toFixed(0)} ms; last label ${label}`)
await close(); await rm(dataDir, { recursive: true, force: true })
process.exit(0)
