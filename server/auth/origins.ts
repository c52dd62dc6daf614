/** Origins: what a board's embed allow-list holds, and what counts as the service's own. */

export { isExactOrigin, MAX_ALLOWED_ORIGINS } from '../../shared/api/origin'

const originOf = (s: string): string | null => {
  try {
    return new URL(s).origin
  } catch {
    return null
  }
}

/** Host names that only ever mean this machine (DNS cannot point them elsewhere). */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/

/**
 * Whether a browser `Origin` is the service's own: its public URL's (PUBLIC_URL), or a loopback
 * origin of the very host and port the request came to (development without PUBLIC_URL). `Host` alone
 * is never trusted: with DNS rebinding a page of any name can reach this server under that name.
 */
export function isOwnOrigin(origin: string, hostHeader: string | undefined, publicUrl: string): boolean {
  if (publicUrl && originOf(publicUrl) === origin) return true
  if (!hostHeader) return false
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === hostHeader && LOOPBACK_HOST.test(url.hostname)
  } catch {
    return false
  }
}

/** A browser Origin allowed for a board: absent (not a browser), our own, or on its allow-list. */
export function originAllowed(origin: string | undefined, allowed: readonly string[], hostHeader: string | undefined, publicUrl: string): boolean {
  if (!origin) return true
  return allowed.includes(origin) || isOwnOrigin(origin, hostHeader, publicUrl)
}
