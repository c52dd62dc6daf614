import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { addConcept, stockClient, synced, waitFor } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
afterEach(async () => {
  await server.close(true)
})

it('refuses a board whose journal is damaged mid-file with 4503, never serving part of it, while other boards carry on', async () => {
  server = await startTestServer()
  const damaged = await server.createBoard('Damaged')
  const healthy = await server.createBoard('Healthy')
  const token = (await server.invite(damaged.id, 'brand')).token
  const client = stockClient(server.wsUrl, damaged.id, token)
  await synced(client)
  for (let i = 0; i < 5; i++) addConcept(client.doc, `c${i}`, `concept ${i}`)
  const observer = stockClient(server.wsUrl, damaged.id, (await server.invite(damaged.id, 'viewer')).token)
  await waitFor(() => observer.doc.getMap('concepts').size === 5)
  client.destroy()
  observer.destroy()
  server = await server.restart()

  // Flip one byte inside the first record: damage that is not a torn tail.
  const path = join(server.dataDir, 'boards', damaged.id, 'journal.cgj')
  const bytes = await readFile(path)
  bytes[12] = bytes[12]! ^ 0xff
  await writeFile(path, bytes)
  server = await server.restart()

  const s = rawSocket(syncUrl(server.wsUrl, damaged.id, token))
  const closed = await s.closed
  expect(closed.code).toBe(4503)
  // Nothing of the board was sent before the refusal.
  expect(s.messages.filter((m) => m[0] === 0)).toEqual([])
  const other = stockClient(server.wsUrl, healthy.id, (await server.invite(healthy.id, 'brand')).token)
  await synced(other)
  expect(other.doc.getMap('meta').get('title')).toBe('Healthy')
  other.destroy()
})
