import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AnyRoute, ResponseOf } from '../../shared/api/route'

/**
 * A route's JSON answer, typed by the shared route table (shared/api/routes): the body must be the
 * answer the table gives `route`, so a handler whose answer drifts from what the browser's ApiClient
 * expects fails typecheck instead of a page at run time.
 */
export function answer<R extends AnyRoute>(c: Context, route: R, body: ResponseOf<R>, status: ContentfulStatusCode = 200): Response {
  return c.json(body as object, status)
}
