import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A minimal TCP load balancer: each new connection goes to the next backend that accepts it, so a
 * client whose instance died reconnects through the same address and lands on a live one.
 */
export interface TcpBalancer {
  port: number
  close(): Promise<void>
}

export async function startTcpBalancer(backends: () => number[]): Promise<TcpBalancer> {
  let next = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.pause()
    const ports = backends()
    const tryBackend = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy()
      const port = ports[next++ % ports.length]!
      const upstream = connect(port, '127.0.0.1')
      upstream.once('connect', () => {
        sockets.add(upstream)
        upstream.on('close', () => {
          sockets.delete(upstream)
          client.destroy()
        })
        client.on('close', () => upstream.destroy())
        upstream.on('error', () => client.destroy())
        client.on('error', () => upstream.destroy())
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
      // Refused (a dead instance): the next backend. Errors after connecting close both ends (above).
      upstream.once('error', () => {
        if (upstream.connecting) tryBackend(attempt + 1)
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
