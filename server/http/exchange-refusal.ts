import type { Context } from 'hono'
import { ImportError } from '../../shared/exchange/import-common'
import { PngSizeError } from '../exchange/png-size'
import { ExchangeBusyError, ExchangeRefusedError } from '../exchange/worker-runner'

/**
 * The response to an import or export that was refused, or null for any other error (left to
 * the app's error handler, a 500). Refusals carry a machine-readable `reason` beside the usual
 * `error` message, so the console can say what to fix; nothing was created.
 */
export function refusalResponse(c: Context, err: unknown): Response | null {
  if (err instanceof ExchangeBusyError) return c.json({ error: err.message, reason: 'busy' }, 503, { 'retry-after': '5' })
  if (err instanceof ExchangeRefusedError || err instanceof ImportError || err instanceof PngSizeError) {
    return c.json({ error: err.message, reason: err.reason }, err.reason === 'too-large' ? 413 : 400)
  }
  return null
}

/** Runs `work`, answering a refusal as above and rethrowing anything else. */
export async function orRefusal(c: Context, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (err) {
    const refused = refusalResponse(c, err)
    if (refused) return refused
    throw err
  }
}
