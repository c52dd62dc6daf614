import { Hono, type Context } from 'hono'
import { formatJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '../../../shared/join-code'
import { IpLimiter } from '../../auth/ip-limit'
import type { AppDeps, AppEnv } from '../app-env'
import { joinUrl } from './people'
import { remoteAddress } from './remote-address'

const POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** The code page: a field for the code, and why the last one did not work. No script. */
function codePage(message: string | null, typed = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join a board with a code · Common Ground</title>
<style>body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:26rem;margin:12vh auto 0;padding:0 20px}h1{font-size:22px}label{display:block;font-weight:600;margin:16px 0 6px}
input{box-sizing:border-box;width:100%;padding:10px 12px;border:1px solid #64748b;border-radius:8px;font:600 22px/1.2 ui-monospace,monospace;letter-spacing:.15em;text-transform:uppercase}
button{margin-top:12px;padding:10px 18px;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font:inherit;cursor:pointer}
input:focus-visible,button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}.error{color:#b91c1c;font-weight:600}</style></head>
<body><main><h1>Join a board with a code</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '<p>Type the code the facilitator shows or reads out.</p>'}
<form method="get" action="/j"><label for="code">Join code</label>
<input id="code" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="${JOIN_CODE_LENGTH + 2}" placeholder="ABCD-EFGH" value="${escapeHtml(typed)}">
<button type="submit">Join</button></form></main></body></html>`
}

function send(c: Context<AppEnv>, status: 200 | 400 | 404 | 429, body: string): Response {
  return c.html(body, status, { 'content-security-policy': POLICY, 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' })
}

/**
 * Short links of group links: `/j/CODE` (the code a facilitator reads out or projects, and what the
 * QR code holds) opens the group link's join page; `/j` asks for a code. A code lasts as long as its
 * link (revoked or expired: not valid). Lookups are rate limited per address, like joins, so codes
 * cannot be guessed by trying them.
 */
export function joinCodeRoutes(deps: AppDeps) {
  const limiter = deps.joinLimit ? new IpLimiter(deps.joinLimit) : null
  return new Hono<AppEnv>()
    .get('/j', (c) => {
      const typed = c.req.query('code')
      if (typed === undefined) return send(c, 200, codePage(null))
      const code = normalizeJoinCode(typed)
      if (!code) return send(c, 400, codePage(`A join code has ${JOIN_CODE_LENGTH} letters and digits, like ABCD-EFGH.`, typed.slice(0, 20)))
      return c.redirect(`/j/${code}`, 303)
    })
    .get('/j/:code', async (c) => {
      if (limiter && !limiter.take(remoteAddress(c), deps.now())) {
        c.header('retry-after', String(limiter.retryAfterSeconds))
        return send(c, 429, codePage('Many codes were tried from this network just now. Wait a few seconds and try again.'))
      }
      const code = normalizeJoinCode(c.req.param('code'))
      const invite = code ? await deps.access.inviteByCode(code) : null
      const board = invite ? await deps.store.metadata.getBoard(invite.boardId) : null
      if (!invite || !board || board.archived) {
        const shown = code ? formatJoinCode(code) : c.req.param('code').slice(0, 20)
        return send(c, 404, codePage(`The code ${shown} is not valid: it may have expired or been withdrawn. Check it, or ask the facilitator.`, shown))
      }
      // The join page takes the link's token out of the address bar at once, as for the long link.
      return c.redirect(joinUrl('', board.id, deps.access.groupToken(invite)), 303)
    })
}
