import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppDeps, AppEnv } from './app-env'
import { authenticate } from './authenticate'
import { errorHandler, fail } from './error-handler'
import { boardRoutes } from './routes/boards'
import { exportRoutes } from './routes/export'
import { healthRoutes } from './routes/health'
import { IMPORT_PATH, importRoutes } from './routes/import'
import { inviteRoutes } from './routes/invites'
import { mapRoutes } from './routes/map'
import { pageRoutes } from './routes/pages'

export const MAX_API_BODY_BYTES = 1024 * 1024

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.onError(errorHandler(deps.log))
  app.notFound((c) => c.json({ error: 'not found' }, 404))
  const apiBodyLimit = bodyLimit({
    maxSize: MAX_API_BODY_BYTES,
    onError: () => {
      throw fail(413, `body larger than ${MAX_API_BODY_BYTES} bytes`)
    }
  })
  // Imports take files up to the exchange limit (5 MiB); that route sets its own body limit.
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? next() : apiBodyLimit(c, next)))
  // Every API call needs a token; each route then checks what its principal may do.
  app.use('/api/*', authenticate(deps.access))
  app.route('/', healthRoutes(deps))
  app.route('/api/boards', importRoutes(deps))
  app.route('/api/boards', boardRoutes(deps))
  app.route('/api/boards', inviteRoutes(deps))
  app.route('/api/boards', mapRoutes(deps))
  app.route('/api/boards', exportRoutes(deps))
  app.route('/', pageRoutes(deps))
  return app
}
