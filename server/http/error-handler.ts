import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from '../log'

/** The one place errors become responses: HTTPExceptions keep their status, anything else is a 500. */
export function errorHandler(log: Logger): ErrorHandler {
  return function handleError(err, c) {
    if (err instanceof HTTPException) {
      return c.json({ error: err.message || 'request failed' }, err.status)
    }
    // The request id ties this to the access log line; the path (not the URL: no query, no token).
    log.error({ err, reqId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'request failed')
    return c.json({ error: 'internal error' }, 500)
  }
}

export const fail = (status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503, message: string) =>
  new HTTPException(status, { message })
