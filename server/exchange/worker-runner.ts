import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ExchangeOutput, ExchangeReply, ExchangeTask, PreparedImport } from './exchange-task'

/**
 * Runs exchange tasks (imports, PNG rendering) each in a fresh worker thread with a time limit,
 * a few at a time. A fresh worker per task rather than a pool: tasks are rare (admin imports,
 * downloads), a worker costs 0.2–0.3 s to start (loading yjs, the XML parser, resvg) next to up to
 * seconds of work, and a worker killed on timeout or out of memory takes nothing down with it and
 * needs no lifecycle on shutdown.
 */

export interface RunnerOptions {
  /** Wall-clock limit per task; the worker is terminated past it. */
  timeoutMs: number
  /** Tasks running at once: two, so a long import does not hold up a PNG; each is one core. */
  maxRunning: number
  /** Tasks waiting beyond those; more are refused as busy rather than queued without bound. */
  maxQueued: number
  /** V8 heap of each worker; the parse tree of a 5 MiB CXL stays well below. */
  maxHeapMb: number
}

export const DEFAULT_RUNNER_OPTIONS: Readonly<RunnerOptions> = { timeoutMs: 30_000, maxRunning: 2, maxQueued: 8, maxHeapMb: 1024 }

/** The task's input was refused (ImportError reasons, `image-too-large`, `timeout`, `too-complex`): a 400. */
export class ExchangeRefusedError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message)
  }
}

/** Too many tasks waiting: a 503, try again later. */
export class ExchangeBusyError extends Error {}

/**
 * The worker's entry. Built, this module is part of dist/server/main.js and the worker is
 * dist/server/exchange-worker.js beside it (scripts/build.mjs). Run from source (vitest, tsx), a
 * worker thread cannot load TypeScript: tsx's loader is not inherited by workers, and on Node 20
 * `--import tsx` in a worker's execArgv does not take effect. So the entry is bundled once per
 * process with esbuild, as the build does, into node_modules/.cache (where its external packages
 * resolve), named by content so concurrent test processes write the same file.
 */
let sourceWorker: Promise<URL> | undefined

async function workerEntry(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return new URL('./exchange-worker.js', import.meta.url)
  sourceWorker ??= (async () => {
    const { build } = await import('esbuild')
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./exchange-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      write: false,
      logLevel: 'warning'
    })
    const code = result.outputFiles[0]!.contents
    const dir = fileURLToPath(new URL('../../node_modules/.cache/common-ground/', import.meta.url))
    const file = join(dir, `exchange-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`)
    if (!existsSync(file)) {
      await mkdir(dir, { recursive: true })
      const tmp = `${file}.${process.pid}.tmp`
      await writeFile(tmp, code)
      await rename(tmp, file)
    }
    return pathToFileURL(file)
  })()
  return sourceWorker
}

export class ExchangeRunner {
  private running = 0
  private readonly waiting: Array<() => void> = []
  private readonly options: RunnerOptions

  constructor(options: Partial<RunnerOptions> = {}) {
    this.options = { ...DEFAULT_RUNNER_OPTIONS, ...options }
  }

  async run<T extends ExchangeTask>(task: T): Promise<ExchangeOutput<T>> {
    await this.acquire()
    try {
      return (await this.spawn(task)) as ExchangeOutput<T>
    } finally {
      this.release()
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.options.maxRunning) {
      this.running++
      return Promise.resolve()
    }
    if (this.waiting.length >= this.options.maxQueued) {
      return Promise.reject(new ExchangeBusyError('the server is busy with other imports and exports; try again shortly'))
    }
    // The slot is handed over by release(), so `running` is not decremented and incremented again.
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.running--
  }

  private async spawn(task: ExchangeTask): Promise<PreparedImport | Uint8Array> {
    const url = await workerEntry()
    const { timeoutMs, maxHeapMb } = this.options
    return new Promise((resolve, reject) => {
      const worker = new Worker(url, {
        workerData: { task },
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb }
      })
      let settled = false
      const settle = (fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        fn()
        void worker.terminate()
      }
      const timer = setTimeout(
        () => settle(() => reject(new ExchangeRefusedError('timeout', `the work took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`))),
        timeoutMs
      )
      worker.once('message', (reply: ExchangeReply) =>
        settle(() => (reply.ok ? resolve(reply.value) : reject(new ExchangeRefusedError(reply.refusal.reason, reply.refusal.message))))
      )
      worker.once('error', (err: Error & { code?: string }) =>
        settle(() =>
          reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExchangeRefusedError('too-complex', 'the work needs more memory than an import or export may use') : err)
        )
      )
      worker.once('exit', (code) => settle(() => reject(new Error(`exchange worker exited with code ${code} before answering`))))
    })
  }
}
