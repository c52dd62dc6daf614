import { Counter, Gauge, type Registry } from 'prom-client'
import type { FanoutStatus } from './redis-fanout'

/** The fan-out's state on /metrics, read at each scrape. */
export function registerFanoutMetrics(registry: Registry, status: FanoutStatus): void {
  new Gauge({
    name: 'cg_fanout_redis_connected',
    help: 'Whether this instance hears other instances through Redis (0: boards poll the journal)',
    registers: [registry],
    collect() {
      this.set(status.connected ? 1 : 0)
    }
  })
  let reported = 0
  new Counter({
    name: 'cg_fanout_fallback_polls_total',
    help: 'Journal reads of loaded boards made because Redis was unreachable',
    registers: [registry],
    collect() {
      const now = status.fallbackPolls
      if (now > reported) this.inc(now - reported)
      reported = now
    }
  })
}
