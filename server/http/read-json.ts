import type { Context } from 'hono'
import { fail } from './error-handler'

/** Parses a JSON object body; anything else is a 400 that says why. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw fail(400, 'body must be JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail(400, 'body must be a JSON object')
  return body as Record<string, unknown>
}
