import { readConfig } from './config'
import { createLogger } from './log'
import { startServer } from './start-server'

/** The process: reads configuration once, starts the service, and shuts down cleanly on signals. */
async function main(): Promise<void> {
  // Journals, checkpoints, the metadata and the secrets are nobody else's on this machine: every
  // file the service creates is 0600 and every directory 0700.
  process.umask(0o077)
  const config = readConfig(process.env)
  const log = createLogger(config.logLevel)
  const server = await startServer(config, log)
  const consoleUrl = `${server.publicUrl}/#token=${encodeURIComponent(server.adminToken)}`
  log.info({ url: server.url, dataDir: config.dataDir }, 'listening')
  process.stdout.write(
    `\nCommon Ground is running.\n  Console: ${consoleUrl}\n` +
      (server.adminTokenCreated ? `  (admin token generated and kept in ${config.dataDir}/admin-token)\n` : '') +
      '\n'
  )

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting')
      process.exit(1)
    }, 5000)
    force.unref()
    server.close().then(
      () => process.exit(0),
      (err: Error) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      }
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err: Error) => {
  process.stderr.write(`Common Ground failed to start: ${err.stack ?? err.message}\n`)
  process.exit(1)
})
