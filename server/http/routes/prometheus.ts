import { Hono } from 'hono'
import { metricsVerdict } from '../../observability/prometheus-access'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { requestAddress } from './remote-address'

/**
 * `GET /metrics`: the service's Prometheus metrics (not a board's social metrics, which are
 * `/api/boards/:id/metrics`). Who may scrape is METRICS_ACCESS; a token is read from the
 * Authorization header only, since a `?token=` would end up in proxies' access logs.
 */
export function prometheusRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const metrics = deps.serviceMetrics
  if (!metrics) return app
  const mode = deps.serviceMetricsAccess ?? 'loopback'
  const isAdminToken = async (token: string) => (await deps.access.authenticate(token))?.kind === 'admin'
  return app.get('/metrics', async (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? null
    const verdict = await metricsVerdict(mode, requestAddress(c, deps.trustProxy), token, isAdminToken)
    if (!verdict.ok) throw fail(verdict.status, verdict.reason)
    const text = await metrics.registry.metrics()
    return c.body(text, 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' })
  })
}
