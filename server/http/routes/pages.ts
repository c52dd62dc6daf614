import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'

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

/** Page shells and bundled assets, all built into `clientDir` by scripts/build.mjs. */
export function pageRoutes(deps: AppDeps) {
  async function sendFile(name: string, cacheControl: string, policy?: string) {
    const type = TYPES[extname(name)]
    if (!type || !ASSET_PATH.test(name) || name.split('/').includes('..')) throw fail(404, 'not found')
    let body: Buffer
    try {
      body = await readFile(join(deps.clientDir, name))
    } catch {
      throw fail(404, 'not found')
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': type,
        'cache-control': cacheControl,
        'x-content-type-options': 'nosniff',
        // Board links carry tokens: never leak them to other sites through the Referer header.
        'referrer-policy': 'no-referrer',
        ...(policy ? { 'content-security-policy': policy } : {})
      }
    })
  }

  return new Hono<AppEnv>()
    .get('/', () => sendFile('console.html', 'no-cache', PAGE_POLICY))
    .get('/b/:boardId', () => sendFile('board.html', 'no-cache', PAGE_POLICY))
    .get('/join/:boardId', () => sendFile('join.html', 'no-cache', PAGE_POLICY))
    .get('/replay/:boardId', () => sendFile('replay.html', 'no-cache', PAGE_POLICY))
    .get('/report/:boardId', () => sendFile('report.html', 'no-cache', PAGE_POLICY))
    // The board's service worker (offline reloads); served from the root so it may control /b/.
    .get('/sw.js', () => sendFile('sw.js', 'no-cache'))
    // Browsers ask for /favicon.ico on pages that link no icon (the join-code and refusal pages,
    // whose policies allow no images); answer with the one icon rather than a 404 on every load.
    .get('/favicon.ico', (c) => c.redirect('/assets/icon.svg', 301))
    .get('/assets/*', (c) => {
      const name = c.req.path.slice('/assets/'.length)
      if (name.endsWith('.map') && !deps.serveSourceMaps) throw fail(404, 'not found')
      return sendFile(name, 'no-cache')
    })
}
