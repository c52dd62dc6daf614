import { expect, it } from 'vitest'
import type { TestServer } from './server'

/** Malformed requests against a running test server, and the 400s they must get (server/http/validate.ts). */

/** A request with a raw body; `type` null sends no Content-Type (a script's plain fetch). */
export async function send(server: TestServer, method: string, path: string, raw: string | undefined, opts: { token?: string; type?: string | null } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? server.adminToken}` }
  if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json'
  const res = await fetch(`${server.url}${path}`, { method, headers, body: raw })
  const body = (await res.json().catch(() => ({}))) as { error?: string }
  return { status: res.status, error: body.error ?? '' }
}

export type Case = [what: string, raw: string | undefined, reason: RegExp]

/** One test per case: a 400 whose `error` matches the case's pattern. */
export function refuses(server: () => TestServer, method: string, path: () => string, cases: Case[], token?: () => string) {
  it.each(cases)(`${method} %s → 400`, async (_what, raw, reason) => {
    const res = await send(server(), method, path(), raw, { token: token?.() })
    expect(res.status).toBe(400)
    expect(res.error).toMatch(reason)
  })
}

export const NOT_JSON: Case = ['not JSON', '{"title":', /body must be JSON/]
export const AN_ARRAY: Case = ['an array', '[1]', /body must be a JSON object/]
export const A_STRING: Case = ['a bare string', '"x"', /body must be a JSON object/]
