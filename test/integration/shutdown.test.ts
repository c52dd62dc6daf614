import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { freePort, startChildServer } from '../support/child-server'
import { addConcept, stockClient, synced, waitFor } from '../support/clients'

it('SIGTERM closes sockets with 1012, keeps every edit and exits 0 within 5 s', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-term-'))
  const port = await freePort()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: 'term-admin-token', FSYNC_INTERVAL_MS: '1000' }
  let server = await startChildServer(env, port)
  // A failing assertion must not leave the server running after the test (it idles for hours).
  onTestFinished(() => void server.process.kill('SIGKILL'))
  const headers = { authorization: 'Bearer term-admin-token', 'content-type': 'application/json' }
  const { id } = (await (await fetch(`${server.url}/api/boards`, { method: 'POST', headers, body: '{"title":"t"}' })).json()) as { id: string }
  const client = stockClient(`ws://127.0.0.1:${port}/sync`, id, 'term-admin-token')
  // A second client sees what the server accepted (relayed at once, before any fsync).
  const watcher = stockClient(`ws://127.0.0.1:${port}/sync`, id, 'term-admin-token')
  await Promise.all([synced(client), synced(watcher)])
  for (let i = 0; i < 20; i++) addConcept(client.doc, `c${i}`, `edit ${i}`)
  // The fsync interval is long, so these edits are in the journal but not yet synced to disk once the server has them.
  await waitFor(() => watcher.doc.getMap('concepts').size === 20, 3000, 'the server to hold the edits')
  watcher.provider.shouldConnect = false
  watcher.destroy()
  client.provider.shouldConnect = false
  const t0 = Date.now()
  server.process.kill('SIGTERM')
  const exit = await server.exited
  expect(exit.code).toBe(0)
  expect(Date.now() - t0).toBeLessThan(5000)
  await waitFor(() => client.closes.length > 0, 2000, 'close event')
  expect(client.closes[0]!.code).toBe(1012)
  client.destroy()

  server = await startChildServer(env, port)
  const again = stockClient(`ws://127.0.0.1:${port}/sync`, id, 'term-admin-token')
  await synced(again)
  await waitFor(() => again.doc.getMap('concepts').size === 20, 3000, 'all edits after restart')
  again.destroy()
  server.process.kill('SIGKILL')
  await server.exited
  await rm(dataDir, { recursive: true, force: true })
})
