import type { Access, Principal } from '../auth/access'
import type { Clock } from '../clock'
import type { DownloadTickets } from '../auth/download-tickets'
import type { ExchangeRunner } from '../exchange/worker-runner'
import type { HistoryFeatures } from '../history/history-features'
import type { Logger } from '../log'
import type { MetricsAccess } from '../observability/prometheus-access'
import type { ServiceMetrics } from '../observability/service-metrics'
import type { Store } from '../store/store'
import type { RoomRegistry } from '../sync/room-registry'

/** What the HTTP routes are built from; created once in start-server.ts. */
export interface AppDeps {
  store: Store
  access: Access
  /** Single-use download tickets (export links, the live stream): a URL then never carries a token. */
  tickets: DownloadTickets
  registry: RoomRegistry
  /** Imports, exports and comparison images run in worker threads, bounded by this one runner. */
  exchange: ExchangeRunner
  log: Logger
  now: () => number
  /** What the live stream's pace and heartbeat wait on (its `now` is `now`'s; absent: the system clock). */
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  /** Base of invite links and embed snippets. */
  publicUrl: () => string
  /** Whether a reverse proxy's `X-Forwarded-For` names the client (TRUST_PROXY=1; see clientAddress). */
  trustProxy?: boolean
  /** Failed token checks per address before that address is refused for a while (absent: unlimited). */
  authFailureLimit?: import('./auth-throttle').AuthFailureLimit
  /** Where the built client (pages and assets) lives. */
  clientDir: string
  /** Whether `/assets/*.map` is served (SOURCE_MAPS=1; off by default: the source is nobody's business). */
  serveSourceMaps?: boolean
  /** Derived history, sessions and snapshots (absent in tests that build the app alone). */
  history?: HistoryFeatures
  /** People joining through group links, per remote address (absent: unlimited). */
  joinLimit?: import('../auth/ip-limit').IpLimitOptions
  /** The service's Prometheus metrics (absent: no `/metrics`, no HTTP request counts). */
  serviceMetrics?: ServiceMetrics
  /** Who may scrape `/metrics` (default loopback). */
  serviceMetricsAccess?: MetricsAccess
  /** Pace and bounds of `GET /api/boards/:id/live` (absent: LIVE_STREAM_DEFAULTS). */
  liveStream?: import('./routes/live').LiveStreamOptions
}

export interface AppEnv {
  /** `requestId`: echoed as X-Request-Id and carried on the request's log lines. */
  Variables: { principal: Principal; requestId: string }
}
