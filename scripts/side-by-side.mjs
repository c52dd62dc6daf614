// Runs node scripts as child processes at once, each one's output kept whole (not interleaved) and
// printed after all have ended: what `npm run typecheck`, `npm run lint` and `npm test`'s checks share.
import { spawn } from 'node:child_process'

/** Runs `node …args`; resolves with its exit code and its stdout and stderr together. */
export function runNode(label, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ label, code, out }))
  })
}

/** Prints each result (a failure's output on stderr, with `failedNote`); true if all passed. */
export function report(prefix, results, { failedNote = '', okOutput = false } = {}) {
  let ok = true
  for (const { label, code, out } of results) {
    if (code === 0) {
      if (okOutput && out.trim()) console.log(out.trim())
      else console.log(`${prefix}: ${label} ok`)
    } else {
      ok = false
      console.error(`${prefix}: ${label} failed${failedNote}\n${out.trim()}\n`)
    }
  }
  return ok
}
