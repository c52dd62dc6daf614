// Hocuspocus 4 with its stock configuration and no extensions: documents live only in memory,
// which is the fairest "no persistence cost" peer. Reads HOST/PORT like the y-websocket bin.
import { Server } from '@hocuspocus/server'

const server = new Server({
  address: process.env.HOST || '127.0.0.1',
  port: Number(process.env.PORT || 1234),
  quiet: true
})

await server.listen()
console.log(`hocuspocus listening on ${server.address.address}:${server.address.port}`)
