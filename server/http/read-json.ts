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

/** A trimmed string field within length bounds; `fallback` when absent. */
export function stringField(body: Record<string, unknown>, name: string, max: number, fallback?: string): string {
  const v = body[name]
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback
    throw fail(400, `${name} is required`)
  }
  if (typeof v !== 'string') throw fail(400, `${name} must be a string`)
  const s = v.trim()
  if (s.length > max) throw fail(400, `${name} is longer than ${max} characters`)
  return s
}
