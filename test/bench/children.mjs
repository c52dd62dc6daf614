// Every child the benchmark starts is registered here, so that any way out of the run (normal end,
// thrown error, Ctrl-C) can kill them: a leaked server or load generator would skew the next run.
import { spawn, fork } from 'node:child_process'

const live = new Set()

function track(child) {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

export function spawnTracked(command, args, options) {
  return track(spawn(command, args, options))
}

export function forkTracked(modulePath, args, options) {
  return track(fork(modulePath, args, options))
}

/** Resolves with the exit code, or null once `ms` has passed without an exit. */
export function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

/** SIGTERM first so servers may close cleanly, SIGKILL if they don't within `graceMs`. */
export async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  if ((await waitForExit(child, graceMs)) === null && child.exitCode === null) {
    child.kill('SIGKILL')
    await waitForExit(child, 2000)
  }
}

export function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL')
    } catch {
      // already gone
    }
  }
}

// 'exit' handlers must be synchronous; kill() is, so nothing outlives the orchestrator.
process.on('exit', killAll)
