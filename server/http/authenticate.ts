import type { Context, MiddlewareHandler } from 'hono'
import type { Access, Principal } from '../auth/access'
import type { AppEnv } from './app-env'
import type { AuthThrottle } from './auth-throttle'
import { fail } from './error-handler'

/** The bearer token of a request: `Authorization: Bearer T` or `?token=T`. */
export function requestToken(authorization: string | undefined, queryToken: string | undefined): string | null {
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null
  return m?.[1] ?? queryToken ?? null
}

/**
 * Requires a valid admin or participant token; the principal is then `c.var.principal`. With a
 * `throttle`, an address that keeps failing is refused (429) before its token is looked at. A
 * request with no token may carry a download ticket instead, which `ticket` spends (null: refused).
 */
export function authenticate(
  access: Access,
  throttle?: AuthThrottle,
  address: (c: Context<AppEnv>) => string | undefined = () => undefined,
  ticket?: (c: Context<AppEnv>) => Promise<Principal | null>,
  now: () => number = Date.now
): MiddlewareHandler<AppEnv> {
  return async function authenticated(c, next) {
    const from = address(c)
    const wait = throttle?.refusedFor(from, now()) ?? 0
    if (wait > 0) {
      c.header('retry-after', String(wait))
      throw fail(429, 'too many failed token checks from this address; try again later')
    }
    const token = requestToken(c.req.header('authorization'), c.req.query('token'))
    const principal = token === null && ticket ? await ticket(c) : await access.authenticate(token)
    if (!principal) {
      throttle?.failed(from, now())
      throw fail(401, 'missing, invalid, expired or revoked token')
    }
    c.set('principal', principal)
    await next()
  }
}
