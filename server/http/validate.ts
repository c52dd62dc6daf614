import type { Context, Env, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'
import { fail } from './error-handler'

/** Where a route's input comes from: the JSON body, the query string or the path. */
export type InputTarget = 'json' | 'query' | 'param'

export interface ValidateOptions {
  /** A machine-readable `reason` beside `error` for some refusals (the file routes' `{error, reason}`). */
  reason?: (issue: z.core.$ZodIssue) => string | undefined
  /** A refusal that is not a 400 by its protocol (oEmbed answers an unsupported format 501). */
  notImplemented?: (issue: z.core.$ZodIssue) => boolean
}

type Validated<T extends InputTarget, S extends z.ZodType> = { in: { [K in T]: z.input<S> }; out: { [K in T]: z.output<S> } }

/**
 * The one validator of the API: `validate('json', Schema)` before a handler parses that part of the
 * request with a schema of shared/api/schemas, and the handler reads the result, typed, with
 * `c.req.valid('json')`. Whatever the schema refuses is a 400 `{error}` naming the field (docs/api.md:
 * "400 with the reason"), never a 500: the handler only ever sees input of its schema's shape.
 *
 * Not @hono/zod-validator: its `json` target reads a body only when the request says
 * `Content-Type: application/json` and validates `{}` otherwise, so a script that posts JSON without
 * the header would have its body silently ignored. Ours reads the body whatever the header says, as
 * the routes always have. Put it after the route's access check (a guard middleware or none), so a
 * stranger's malformed request is still told 401/403/404 first.
 */
export function validate<T extends InputTarget, S extends z.ZodType>(
  target: T,
  schema: S,
  options: ValidateOptions = {}
): MiddlewareHandler<Env, string, Validated<T, S>> {
  return async (c, next) => {
    const value = target === 'json' ? await jsonBody(c) : target === 'query' ? c.req.query() : c.req.param()
    const result = await schema.safeParseAsync(value)
    if (!result.success) {
      const issue = result.error.issues[0]
      const error = refusal(issue, target === 'json', value)
      const reason = issue && options.reason?.(issue)
      if (reason) return c.json({ error, reason }, 400)
      if (issue && options.notImplemented?.(issue)) throw new HTTPException(501, { message: error })
      throw fail(400, error)
    }
    c.req.addValidatedData(target, result.data as object)
    await next()
  }
}

/** The body as JSON, whatever its Content-Type; an empty body is `undefined` (the schema says whether that will do). */
async function jsonBody(c: Context): Promise<unknown> {
  const raw = await c.req.text()
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    throw fail(400, 'body must be JSON')
  }
}

/** The words of a 400: the schema's own, prefixed with the field's path when they do not name it. */
export function refusal(issue: z.core.$ZodIssue | undefined, wholeBody: boolean, value: unknown): string {
  if (!issue) return 'invalid request'
  if (issue.path.length === 0 && issue.code === 'invalid_type' && wholeBody) {
    return value === undefined ? 'body must be JSON' : 'body must be a JSON object'
  }
  const field = issue.path.map(String).join('.')
  if (field === '' || issue.message.includes(String(issue.path[0]))) return issue.message
  return `${field}: ${issue.message}`
}

/**
 * A value checked by a schema inside a handler, for the one part of a request that may only be judged
 * after the access check that depends on the request itself (a join's name, after its body's group
 * token): the same 400 words as `validate`.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw fail(400, refusal(result.error.issues[0], false, value))
  return result.data
}
