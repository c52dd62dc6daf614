import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const SERVER_ENTRY = fileURLToPath(new URL('../../dist/server/main.js', import.meta.url))

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface ChildServer {
  process: ChildProcess
  url: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr: () => string
}

/** A command line that ends up exec'ing `node <entry>` (e.g. inside a mount namespace), same pid. */
export type Launcher = (node: string, entry: string) => [command: string, args: string[]]

/** The built server (`npm run build`) as its own process, as `npm start` runs it. */
export async function startChildServer(
  env: Record<string, string>,
  port: number,
  launcher: Launcher = (node, entry) => [node, [entry]]
): Promise<ChildServer> {
  const [command, args] = launcher(process.execPath, SERVER_ENTRY)
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  const url = `http://127.0.0.1:${port}`
  const start = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start: ${stderr}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() - start > 30_000) {
      child.kill('SIGKILL')
      throw new Error(`server did not start: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return { process: child, url, exited, stderr: () => stderr }
}
