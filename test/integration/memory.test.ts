import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../server/sync/protocol'
import { waitFor } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'
import type { ResponseOf } from '../../shared/api/route'
import { SERVICE_API } from '../../shared/api/routes/service-routes'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const BOARDS = 1000
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { IDLE_UNLOAD_MS: '0' } })
})
afterAll(async () => {
  await server.close(true)
})

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 20))
  }
  return process.memoryUsage().heapUsed
}

/** One edit, so that each board's journal (and the write-ahead log) takes part too. */
function anEdit(boardId: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('meta').set('title', `board ${boardId}`)
  return encodeUpdate(Y.encodeStateAsUpdate(doc))
}

async function openAndClose(boardId: string): Promise<void> {
  const s = rawSocket(syncUrl(server.wsUrl, boardId, server.adminToken))
  await s.opened
  await waitFor(() => s.messages.length > 0, 5000, 'first sync message')
  s.ws.send(anEdit(boardId))
  s.ws.close()
  await s.closed
}

describe('memory', () => {
  it(`opening and closing ${BOARDS} boards leaves the heap near where it started`, async () => {
    const ids: string[] = []
    for (let i = 0; i < BOARDS; i += 25) {
      const batch = await Promise.all(Array.from({ length: Math.min(25, BOARDS - i) }, () => server.createBoard()))
      ids.push(...batch.map((b) => b.id))
    }
    // Warm up code paths and caches first, so only what a board leaves behind is measured.
    for (const id of ids.slice(0, 50)) await openAndClose(id)
    const health = async () => (await (await fetch(server.url + SERVICE_API.health.path)).json()) as ResponseOf<typeof SERVICE_API.health>
    const before = await heapAfterGc()
    const t1 = Date.now()
    for (let i = 0; i < ids.length; i += 20) await Promise.all(ids.slice(i, i + 20).map(openAndClose))
    console.log(`opened and closed ${ids.length} boards in ${Date.now() - t1} ms`)
    const t0 = Date.now()
    while ((await health()).boards > 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50))
    expect((await health()).boards).toBe(0)
    const after = await heapAfterGc()
    const growthMb = (after - before) / 1024 / 1024
    console.log(`heap before ${(before / 2 ** 20).toFixed(1)} MB, after ${(after / 2 ** 20).toFixed(1)} MB, growth ${growthMb.toFixed(2)} MB`)
    // Each loaded board holds a Y.Doc, an awareness with a timer, a journal handle: ~100 KB or more
    // if any leaked, so 1,000 leaked boards would show as ≥ 50 MB.
    expect(growthMb).toBeLessThan(8)
  }, 120_000)
})
