import type { MiddlewareHandler } from 'hono'
import type { Access } from '../auth/access'
import type { AppEnv } from './app-env'
import { fail } from './error-handler'

/** The bearer token of a request: `Authorization: Bearer T` or `?token=T`. */
export function requestToken(authorization: string | undefined, queryToken: string | undefined): string | null {
  const m = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null
  return m?.[1] ?? queryToken ?? null
}

/** Requires a valid admin or participant token; the principal is then `c.var.principal`. */
export function authenticate(access: Access): MiddlewareHandler<AppEnv> {
  return async function authenticated(c, next) {
    const principal = await access.authenticate(requestToken(c.req.header('authorization'), c.req.query('token')))
    if (!principal) throw fail(401, 'missing, invalid, expired or revoked token')
    c.set('principal', principal)
    await next()
  }
}
