import { Hono } from 'hono'
import { SERVICE_API } from '../../../shared/api/routes/service-routes'
import type { AppDeps, AppEnv } from '../app-env'
import { answer } from '../answer'

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/healthz', (c) => answer(c, SERVICE_API.health, { ok: true, ...deps.registry.stats() }))
}
