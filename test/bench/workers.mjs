// The load-generator processes of one benchmark cell, driven over IPC (load-worker.mjs), and what
// each last said.
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { forkTracked, stopChild } from './children.mjs'
import { now } from './stats.mjs'

const here = dirname(fileURLToPath(import.meta.url))

/** Drives the load-generator processes of one cell and remembers what each last said. */
export class Workers {
  constructor(count) {
    this.procs = []
    this.last = []
    this.lastAt = []
    this.reports = []
    this.failure = null
    for (let i = 0; i < count; i++) {
      const child = forkTracked(join(here, 'load-worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      this.procs.push(child)
      child.on('message', (msg) => {
        if (msg.type === 'error') this.failure ??= `load worker ${i}: ${msg.message}`
        else if (msg.type === 'report') this.reports[i] = msg
        else {
          this.last[i] = msg
          this.lastAt[i] = now()
        }
      })
      child.on('exit', (code, sig) => {
        if (!this.closing) this.failure ??= `load worker ${i} exited (${code ?? sig})`
      })
    }
  }

  send(i, msg) {
    this.procs[i].send(msg)
  }

  broadcast(msg) {
    for (const p of this.procs) p.send(msg)
  }

  total(key) {
    return this.last.reduce((n, m) => n + (m?.[key] ?? 0), 0)
  }

  summary() {
    const reasons = {}
    for (const m of this.last) for (const [k, n] of Object.entries(m?.closeReasons ?? {})) reasons[k] = (reasons[k] ?? 0) + n
    return `synced ${this.total('synced')}/${this.total('total')}, seeded ${this.total('seeded')}, closes before sync ${this.total('closesBeforeSync')}, after sync ${this.total('closesAfterSync')}, close reasons ${JSON.stringify(reasons)}`
  }

  async waitFor(what, predicate, timeoutMs) {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (this.failure) throw new Error(this.failure)
      if (this.total('gaveUp') > 0) throw new Error(`clients were refused for good while waiting for ${what}: ${this.summary()}`)
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}: ${this.summary()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    if (this.failure) throw new Error(this.failure)
  }

  async close() {
    this.closing = true
    for (const p of this.procs) if (p.connected) p.send({ type: 'exit' })
    await Promise.all(this.procs.map((p) => stopChild(p, 2000)))
  }
}

