import { isIP } from 'node:net'

/** Who may read the Prometheus endpoint `/metrics` (METRICS_ACCESS; the social scores are server/history's metrics-*). */
export const METRICS_ACCESS_MODES = ['loopback', 'token', 'loopback-or-token', 'off'] as const

export type MetricsAccess = (typeof METRICS_ACCESS_MODES)[number]

export function parseMetricsAccess(raw: string | undefined): MetricsAccess {
  if (raw === undefined || raw === '') return 'loopback'
  if ((METRICS_ACCESS_MODES as readonly string[]).includes(raw)) return raw as MetricsAccess
  throw new Error(`METRICS_ACCESS must be one of ${METRICS_ACCESS_MODES.join(', ')}, got "${raw}"`)
}

/** 127.0.0.0/8, ::1, and their IPv4-mapped IPv6 forms; the socket's address, never a header. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
  if (isIP(v4) === 4) return v4.startsWith('127.')
  return address === '::1' || /^0{1,4}(:0{1,4}){6}:0{0,3}1$/.test(address)
}

/** The verdict on one scrape: allowed, or the HTTP status that refuses it. */
export type MetricsVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string }

/**
 * Whether a scrape may read the metrics. `isAdminToken` is asked only when the address alone does not
 * decide. Refusals say as little as the mode allows: with `off` there is no endpoint.
 */
export async function metricsVerdict(
  mode: MetricsAccess,
  remote: string | undefined,
  token: string | null,
  isAdminToken: (token: string) => Promise<boolean>
): Promise<MetricsVerdict> {
  if (mode === 'off') return { ok: false, status: 404, reason: 'not found' }
  if (mode !== 'token' && isLoopbackAddress(remote)) return { ok: true }
  if (mode === 'loopback') return { ok: false, status: 403, reason: 'metrics are served to loopback addresses only' }
  if (token === null) return { ok: false, status: 401, reason: 'metrics need the admin token as a Bearer header' }
  return (await isAdminToken(token)) ? { ok: true } : { ok: false, status: 403, reason: 'metrics need the admin token' }
}
