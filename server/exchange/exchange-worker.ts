import { parentPort, workerData } from 'node:worker_threads'
import { ImportError } from '../../shared/exchange/index'
import type { ExchangeReply, ExchangeTask } from './exchange-task'
import { importBoard } from './import-board'
import { PngSizeError } from './png-size'
import { renderPng } from './render-png'

/**
 * Worker entry (a second esbuild entry point, dist/server/exchange-worker.js): runs one task off
 * the event loop — parsing a 5 MiB CXL and building its Yjs document cost seconds of CPU, encoding
 * a large PNG about as much — answers once and ends. Refusals are answered as data; anything
 * else is thrown and surfaces as the worker's `error` event, which the runner treats as a fault.
 */
function run(task: ExchangeTask): ExchangeReply {
  try {
    if (task.kind === 'import') return { ok: true, value: importBoard(task) }
    return { ok: true, value: renderPng(task.svg, task.scale) }
  } catch (err) {
    if (err instanceof ImportError || err instanceof PngSizeError) {
      return { ok: false, refusal: { reason: err.reason, message: err.message } }
    }
    throw err
  }
}

const { task } = workerData as { task: ExchangeTask }
// Copied back, not transferred: resvg's PNG is a native-backed Buffer, which cannot be transferred.
parentPort!.postMessage(run(task))
