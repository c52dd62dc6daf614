/** What a board's embed allow-list may hold: shared so the PATCH body's schema checks it where the server does. */

export const MAX_ALLOWED_ORIGINS = 50

/**
 * Whether `value` is exactly an origin as browsers send it: `http(s)://host[:port]`, lower-case host,
 * no default port, no path, no trailing slash, no wildcard. Anything else would never match an
 * `Origin` header, so it is refused rather than stored.
 */
export function isExactOrigin(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 200) return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return url.origin === value && !value.includes('*')
}
