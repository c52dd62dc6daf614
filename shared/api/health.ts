/** The shape of the service's health check (docs/api.md, "Boards"). */

/**
 * GET /healthz: up, and how much it holds in memory: boards loaded and sockets connected. Load
 * balancers and the test harness poll it; tests read `boards` to see an idle board unloaded.
 */
export interface Health {
  ok: true
  boards: number
  connections: number
}
