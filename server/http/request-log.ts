import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Logger } from '../log'
import { requestIdFrom } from '../observability/request-id'
import type { ServiceMetrics } from '../observability/service-metrics'
import type { AppEnv } from './app-env'

/** Label for a request that matched no route at all (a 404): never the raw path, which is unbounded. */
export const UNMATCHED_ROUTE = 'unmatched'

/**
 * The route pattern a request was answered under (`/api/boards/:id`), for logs and metric labels.
 * When a middleware answered (a 401, a CORS refusal, a body too large), it is the route it stood in front of.
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c)
  const responder = routes[c.req.routeIndex]
  if (responder && responder.method !== 'ALL') return responder.path
  return routes.find((r) => r.method !== 'ALL')?.path ?? UNMATCHED_ROUTE
}

/**
 * Gives every request an id (a sane incoming X-Request-Id, else a new one), echoes it in the response,
 * and writes one access log line: method, route pattern, status, ms, id. Never the URL: it can hold a token.
 */
export function requestLog(log: Logger, metrics?: ServiceMetrics): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const started = performance.now()
    const id = requestIdFrom(c.req.header('x-request-id'))
    c.set('requestId', id)
    await next()
    c.header('x-request-id', id)
    const ms = Math.round((performance.now() - started) * 100) / 100
    const route = routeLabel(c)
    const status = c.res.status
    log.info({ reqId: id, method: c.req.method, route, status, ms }, 'request')
    metrics?.httpRequest(c.req.method, route, status, ms / 1000)
  }
}
