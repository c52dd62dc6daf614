import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/healthz', (c) => c.json({ ok: true, ...deps.registry.stats() }))
}
