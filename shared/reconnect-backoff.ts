/**
 * Reconnect delays with full jitter (delay = random in [0, min(cap, base · 2^attempt))): after a
 * restart, hundreds of clients that lost their socket at the same instant then spread their retries
 * over the whole window instead of arriving together at every step of a shared exponential schedule.
 */
export interface BackoffPolicy {
  /** Delay window of the first retry, in ms; each later attempt doubles it. */
  baseMs: number
  /** The window never grows past this, in ms. */
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, capMs: 5000 }

/** Delay before retry number `attempt` (1 for the first retry after a close). */
export function jitteredBackoffMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Number.isFinite(attempt) ? Math.min(Math.max(1, Math.floor(attempt)), 30) : 1
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
  return Math.floor(random() * window)
}

/** The parts of y-websocket's `WebsocketProvider` that decide when it reconnects. */
export interface ReconnectingProvider {
  wsUnsuccessfulReconnects: number
  maxBackoffTime: number
  on(event: 'connection-close', listener: (...args: never[]) => void): void
  off(event: 'connection-close', listener: (...args: never[]) => void): void
}

/**
 * Gives a stock y-websocket provider jittered reconnects. The provider waits
 * `min(2^attempt · 100, maxBackoffTime)` after a close and emits 'connection-close' synchronously
 * just before reading `maxBackoffTime`, so setting it there to a delay no larger than 2^attempt · 100
 * (true whenever baseMs ≤ 100) makes that delay the one it waits. Returns the undo function.
 */
export function useJitteredReconnect(
  provider: ReconnectingProvider,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random
): () => void {
  if (policy.baseMs > 100) throw new RangeError('baseMs above 100 would be clipped by the provider’s own schedule')
  const onClose = () => {
    provider.maxBackoffTime = jitteredBackoffMs(provider.wsUnsuccessfulReconnects + 1, policy, random)
  }
  provider.on('connection-close', onClose)
  onClose()
  return () => provider.off('connection-close', onClose)
}
