import { Hono } from 'hono'
import { EMBED_API } from '../../../shared/api/routes/embed-routes'
import { isFormatRefusal, OEmbedQuery } from '../../../shared/api/schemas/embed'
import { isBoardId } from '../../../shared/board-id'
import { isOwnOrigin, originAllowed } from '../../auth/origins'
import { answer } from '../answer'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { StaticFiles } from '../static-files'
import { validate } from '../validate'

const PROVIDER_NAME = 'Common Ground'

/** `frame-ancestors` for a board's embed page: exactly its allow-list, `'none'` when empty, never `*`. */
export function frameAncestors(allowedOrigins: readonly string[]): string {
  return allowedOrigins.length > 0 ? allowedOrigins.join(' ') : "'none'"
}

/** The policy of the embed page (a board in a partner's iframe). */
export function embedPagePolicy(allowedOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors(allowedOrigins)}`
  ].join('; ')
}

/**
 * The page framing this one, when the browser says so: a frame's request names the framing page in
 * its Referer (unless that page hides it), and Sec-Fetch-Dest says it is for a frame. Null otherwise.
 */
function framingOrigin(dest: string | undefined, referer: string | undefined): string | null {
  if ((dest !== 'iframe' && dest !== 'frame') || !referer) return null
  try {
    const url = new URL(referer)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

/**
 * What a frame on a page the board does not allow shows, instead of the browser's error page: a
 * few words and nothing of the board (no script, no token used), so framing it anywhere is harmless.
 */
function notAllowedHere(origin: string): Response {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Common Ground: not shown on this site</title>
<style>body{margin:0;display:grid;place-items:center;min-height:100vh;font:15px/1.5 system-ui,sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:30rem;padding:24px}h1{font-size:18px;margin:0 0 8px}</style></head>
<body><main><h1>This board can’t be shown on this site</h1>
<p>${escapeHtml(origin)} is not on the list of sites allowed to show this board.</p>
<p>If you run this site, ask the board’s facilitator to add it (console, Embed).</p></main></body></html>`
  return new Response(page, {
    status: 403,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${origin}`
    }
  })
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * Embedding: `/embed/:boardId?token=` (a board for an iframe, framed only by the board's allowed
 * origins), `/embed.js` (the `<cg-board>` element for partner pages; CORS in cors.ts), and oEmbed.
 */
export function embedRoutes(deps: AppDeps) {
  // The frame's shell, read once (again when rebuilt) rather than from disk for every frame opened.
  const shell = new StaticFiles(deps.clientDir)
  return new Hono<AppEnv>()
    .get('/embed.js', (c) => {
      // The bundle and its chunks live under /assets/; this module only pulls them in, so relative
      // chunk imports resolve against /assets/ whatever origin the partner page is on.
      c.header('content-type', 'text/javascript; charset=utf-8')
      c.header('cache-control', 'no-cache')
      c.header('x-content-type-options', 'nosniff')
      return c.body("import './assets/embed.js'\n")
    })
    .get('/embed/:boardId/allowed', async (c) => {
      // Asked by <cg-board> on a partner page before anything else, so that a page the board does
      // not allow says so at once. Says nothing but yes or no, for the asking origin only.
      const id = c.req.param('boardId')
      const board = isBoardId(id) ? await deps.store.metadata.getBoard(id) : null
      if (!board) throw fail(404, 'no such board')
      const origin = c.req.header('origin')
      const allowed = !board.archived && originAllowed(origin, board.allowedOrigins, c.req.header('host'), deps.publicUrl())
      if (origin) c.header('access-control-allow-origin', origin)
      c.header('vary', 'Origin')
      c.header('cache-control', 'no-store')
      return answer(c, EMBED_API.allowed, { allowed })
    })
    .get('/embed/:boardId', async (c) => {
      const id = c.req.param('boardId')
      const board = isBoardId(id) ? await deps.store.metadata.getBoard(id) : null
      if (!board) throw fail(404, 'no such board')
      const framedBy = framingOrigin(c.req.header('sec-fetch-dest'), c.req.header('referer'))
      if (framedBy && !originAllowed(framedBy, board.allowedOrigins, c.req.header('host'), deps.publicUrl())) return notAllowedHere(framedBy)
      const page = await shell.get('embed.html')
      if (!page) throw fail(404, 'not found')
      return new Response(page.body, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          // The allow-list can change at any time: the policy must never come from a cache.
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'content-security-policy': embedPagePolicy(board.allowedOrigins)
        }
      })
    })
    .get('/oembed', validate('query', OEmbedQuery, { notImplemented: isFormatRefusal }), async (c) => {
      const { url: raw, maxwidth: width, maxheight: height } = c.req.valid('query')
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        throw fail(404, 'not a board URL')
      }
      if (!isOwnOrigin(url.origin, c.req.header('host'), deps.publicUrl())) throw fail(404, 'not a board URL of this service')
      const m = /^\/(?:b|embed)\/([^/]+)$/.exec(url.pathname)
      const id = m ? safeDecode(m[1]!) : null
      const board = id && isBoardId(id) ? await deps.store.metadata.getBoard(id) : null
      if (!board || board.archived) throw fail(404, 'no such board')
      const token = url.searchParams.get('token')
      // Boards are private: only a URL that carries an invite of this board can be embedded.
      const principal = await deps.access.authenticate(token)
      const group = principal ? null : await deps.access.authenticateGroup(token)
      const ok = (principal?.kind === 'participant' && principal.claims.board === board.id) || group?.invite.boardId === board.id
      if (!ok) throw fail(401, 'this board is private: embed a URL that carries an invite token for it')
      const src = `${deps.publicUrl()}/embed/${board.id}?token=${encodeURIComponent(token!)}`
      const title = board.title
      c.header('cache-control', 'no-store')
      c.header('referrer-policy', 'no-referrer')
      return answer(c, EMBED_API.oembed, {
        version: '1.0',
        type: 'rich',
        provider_name: PROVIDER_NAME,
        provider_url: `${deps.publicUrl()}/`,
        title,
        width,
        height,
        html:
          `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${escapeHtml(`${PROVIDER_NAME}: ${title}`)}" ` +
          `style="border:0;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>`
      })
    })
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}
