import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { freePort } from '../support/child-server'

/**
 * A redis-server of the test's own on a free port (no persistence), so a test can stop and restart
 * it without touching the machine's shared Redis.
 */
export interface PrivateRedis {
  port: number
  url: string
  stop(): Promise<void>
  /** Starts it again on the same port (empty: pub/sub keeps nothing). */
  start(): Promise<void>
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    child = proc
    let stderr = ''
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const started = Date.now()
    while (!(await answersPing(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${stderr}`)
      if (Date.now() - started > 10_000) throw new Error(`redis-server did not start on ${port}: ${stderr}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }
  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const proc = child
      child = null
      if (!proc || proc.exitCode !== null) return
      const exited = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGKILL')
      await exited
    }
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setTimeout(1000)
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (d) => {
      answer += d.toString()
      if (answer.includes('\r\n')) {
        socket.destroy()
        resolve(answer.startsWith('+PONG'))
      }
    })
    socket.on('error', () => resolve(false))
    socket.on('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}
