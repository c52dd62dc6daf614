import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppDeps, AppEnv } from './app-env'
import { authenticate } from './authenticate'
import { errorHandler, fail } from './error-handler'
import { requestLog } from './request-log'
import { boardSettingsRoutes } from './routes/board-settings'
import { boardRoutes } from './routes/boards'
import { crossOrigin } from './routes/cors'
import { downloadTicketRoutes, ticketPrincipal } from './routes/download-tickets'
import { embedRoutes } from './routes/embed'
import { exportRoutes } from './routes/export'
import { facilitationRoutes } from './routes/facilitation'
import { healthRoutes } from './routes/health'
import { historyApiRoutes } from './routes/history-api'
import { IMPORT_PATH, importRoutes } from './routes/import'
import { STREAM_PATH, streamRoutes } from './routes/stream'
import { compareRoutes } from './routes/compare'
import { inviteRoutes } from './routes/invites'
import { JOIN_PATH, joinRoutes } from './routes/join'
import { joinCodeRoutes } from './routes/join-code'
import { liveRoutes } from './routes/live'
import { mapRoutes } from './routes/map'
import { meRoutes } from './routes/me'
import { pageRoutes } from './routes/pages'
import { peopleRoutes } from './routes/people'
import { prometheusRoutes } from './routes/prometheus'
import { reportRoutes } from './routes/report'
import { voteRoundRoutes } from './routes/vote-rounds'
import { AuthThrottle } from './auth-throttle'
import { requestAddress } from './routes/remote-address'

export const MAX_API_BODY_BYTES = 1024 * 1024

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  app.onError(errorHandler(deps.log))
  app.notFound((c) => c.json({ error: 'not found' }, 404))
  // First, so every answer (refusals and preflights included) gets an id and an access log line.
  app.use('*', requestLog(deps.log, deps.serviceMetrics))
  // Partner pages (embeds) reach only what they need, and only from allowed origins.
  app.use('*', crossOrigin(deps))
  const apiBodyLimit = bodyLimit({
    maxSize: MAX_API_BODY_BYTES,
    onError: () => {
      throw fail(413, `body larger than ${MAX_API_BODY_BYTES} bytes`)
    }
  })
  // Imports and stream uploads take files up to 5 MiB; those routes set their own body limit.
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH || STREAM_PATH.test(c.req.path) ? next() : apiBodyLimit(c, next)))
  // Every API call needs a token; each route then checks what its principal may do. A group link's
  // token is not a principal: /api/join checks it itself.
  const throttle = deps.authFailureLimit ? new AuthThrottle(deps.authFailureLimit) : undefined
  const authenticated = authenticate(deps.access, throttle, (c) => requestAddress(c, deps.trustProxy), (c) => ticketPrincipal(deps, c), deps.now)
  app.use('/api/*', (c, next) => (c.req.path === JOIN_PATH ? next() : authenticated(c, next)))
  app.route(JOIN_PATH, joinRoutes(deps))
  app.route('/api/me', meRoutes(deps))
  app.route('/', healthRoutes(deps))
  app.route('/', prometheusRoutes(deps))
  app.route('/api/boards', importRoutes(deps))
  app.route('/api/boards', boardRoutes(deps))
  app.route('/api/boards', inviteRoutes(deps))
  app.route('/api/boards', boardSettingsRoutes(deps))
  app.route('/api/boards', streamRoutes(deps))
  app.route('/api/compare', compareRoutes(deps))
  app.route('/api/boards', facilitationRoutes(deps))
  app.route('/api/boards', voteRoundRoutes(deps))
  app.route('/api/boards', liveRoutes(deps, deps.liveStream))
  app.route('/api/boards', peopleRoutes(deps))
  app.route('/api/boards', mapRoutes(deps))
  app.route('/api/boards', historyApiRoutes(deps))
  app.route('/api/boards', exportRoutes(deps))
  app.route('/api/boards', downloadTicketRoutes(deps))
  app.route('/api/boards', reportRoutes(deps))
  app.route('/', embedRoutes(deps))
  app.route('/', joinCodeRoutes(deps))
  app.route('/', pageRoutes(deps))
  return app
}
