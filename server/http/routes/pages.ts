import { extname } from 'node:path'
import { Hono, type Context } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { StaticFiles, etagMatches, pickEncoding } from '../static-files'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // board-offline.json: the scripts the board's service worker keeps (scripts/build.mjs).
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}
/**
 * The console, board and join pages: scripts only from here, sockets to anywhere the page was told
 * (ws:/wss:), and never framed (partners frame /embed/:id, which has its own policy).
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'"
].join('; ')

// Plain names only: no "..", no leading dot, no backslashes, so a path can never leave the folder.
const ASSET_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/**
 * esbuild's split chunks: their names carry a hash of their content, so one name never changes its
 * bytes and a browser may keep it for good. The entry scripts keep their names from build to build.
 */
const HASHED_CHUNK = /^chunks\/[A-Za-z0-9_-]+-[A-Z0-9]{8}\.js$/
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Page shells and bundled assets, all built into `clientDir` by scripts/build.mjs. */
export function pageRoutes(deps: AppDeps) {
  const files = new StaticFiles(deps.clientDir)

  /**
   * `name` with `cacheControl`: a revalidation that names its ETag gets 304, and a client that takes
   * brotli or gzip gets the file in it.
   */
  async function sendFile(c: Context<AppEnv>, name: string, cacheControl: string, policy?: string) {
    const type = TYPES[extname(name)]
    if (!type || !ASSET_PATH.test(name) || name.split('/').includes('..')) throw fail(404, 'not found')
    const file = await files.get(name)
    if (!file) throw fail(404, 'not found')
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
      // Board links carry tokens: never leak them to other sites through the Referer header.
      'referrer-policy': 'no-referrer',
      ...(policy ? { 'content-security-policy': policy } : {})
    }
    if (etagMatches(c.req.header('if-none-match'), file.etag)) return new Response(null, { status: 304, headers })
    const encoding = pickEncoding(c.req.header('accept-encoding'))
    const encoded = encoding ? await file.encoded(encoding) : null
    if (encoding && encoded) return new Response(encoded, { headers: { ...headers, 'content-encoding': encoding } })
    return new Response(file.body, { headers })
  }

  return new Hono<AppEnv>()
    .get('/', (c) => sendFile(c, 'console.html', 'no-cache', PAGE_POLICY))
    .get('/b/:boardId', (c) => sendFile(c, 'board.html', 'no-cache', PAGE_POLICY))
    .get('/join/:boardId', (c) => sendFile(c, 'join.html', 'no-cache', PAGE_POLICY))
    .get('/replay/:boardId', (c) => sendFile(c, 'replay.html', 'no-cache', PAGE_POLICY))
    .get('/report/:boardId', (c) => sendFile(c, 'report.html', 'no-cache', PAGE_POLICY))
    // The board's service worker (offline reloads); served from the root so it may control /b/.
    .get('/sw.js', (c) => sendFile(c, 'sw.js', 'no-cache'))
    // Browsers ask for /favicon.ico on pages that link no icon (the join-code and refusal pages,
    // whose policies allow no images); answer with the one icon rather than a 404 on every load.
    .get('/favicon.ico', (c) => c.redirect('/assets/icon.svg', 301))
    .get('/assets/*', (c) => {
      const name = c.req.path.slice('/assets/'.length)
      if (name.endsWith('.map') && !deps.serveSourceMaps) throw fail(404, 'not found')
      return sendFile(c, name, HASHED_CHUNK.test(name) ? IMMUTABLE : 'no-cache')
    })
}
