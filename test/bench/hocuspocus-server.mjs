// Hocuspocus 4 with its stock configuration. Without HOCUSPOCUS_SQLITE, no extensions: documents
// live only in memory, the fairest "no persistence cost" peer. With HOCUSPOCUS_SQLITE=<file>, its
// SQLite extension (@hocuspocus/extension-sqlite, better-sqlite3) stores each document to that file
// as Hocuspocus stores documents: the whole state, debounced (2 s, at most 10 s after a change), the
// fair durable peer. Reads HOST/PORT like the y-websocket bin.
import { Server } from '@hocuspocus/server'

const extensions = []
if (process.env.HOCUSPOCUS_SQLITE) {
  const { SQLite } = await import('@hocuspocus/extension-sqlite')
  extensions.push(new SQLite({ database: process.env.HOCUSPOCUS_SQLITE }))
}

const server = new Server({
  address: process.env.HOST || '127.0.0.1',
  port: Number(process.env.PORT || 1234),
  quiet: true,
  extensions
})

await server.listen()
console.log(`hocuspocus listening on ${server.address.address}:${server.address.port}${extensions.length ? ` (SQLite ${process.env.HOCUSPOCUS_SQLITE})` : ''}`)
