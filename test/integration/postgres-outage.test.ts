import { afterAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/close-codes'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { cuttableRelay, dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../support/postgres'
import { startTestServer, type TestServer } from '../support/server'

// Not a skip: without PostgreSQL this file fails with a message saying so.
await requirePostgres()

const schema = freshSchemaName('cg_outage')
const clients: StockClient[] = []
const servers: TestServer[] = []
afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const s of servers) await s.close(true).catch(() => {})
  await dropSchema(schema)
})

describe('a server on PostgreSQL', () => {
  it('keeps what was committed and refuses writes with 4503 when the database becomes unreachable', async () => {
    const relay = await cuttableRelay(new URL(TEST_DATABASE_URL))
    const server = await startTestServer({ env: { DATABASE_URL: relay.url, DATABASE_SCHEMA: schema } })
    servers.push(server)
    const { id } = await server.createBoard('Outage')
    const token = (await server.invite(id, 'brand', 'Bo')).token
    const writer = stockClient(server.wsUrl, id, token)
    const watcher = stockClient(server.wsUrl, id, token)
    clients.push(writer, watcher)
    await Promise.all([synced(writer, 15_000), synced(watcher, 15_000)])
    addConcept(writer.doc, 'kept', 'Committed before the outage')
    // Relayed only after its commit: once the watcher has it, PostgreSQL has it.
    await waitFor(() => watcher.doc.getMap('concepts').has('kept'), 15_000, 'the first edit')

    await relay.cut()
    addConcept(writer.doc, 'lost', 'Sent during the outage')
    await waitFor(() => writer.closes.some((c) => c.code === CloseCode.storageUnavailable), 20_000, 'a 4503 close')
    // The edit that could not be committed was never relayed.
    expect(watcher.doc.getMap('concepts').has('lost')).toBe(false)
    writer.destroy()
    watcher.destroy()

    // Another instance, straight on the database, serves exactly what was committed.
    const direct = await startTestServer({ env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } })
    servers.push(direct)
    const reader = stockClient(direct.wsUrl, id, token)
    clients.push(reader)
    await synced(reader, 15_000)
    await waitFor(() => reader.doc.getMap('concepts').has('kept'), 15_000, 'the committed edit')
    expect(reader.doc.getMap('concepts').has('lost')).toBe(false)
  })
})
