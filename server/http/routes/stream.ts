import { Hono } from 'hono'
import { EXCHANGE_API } from '../../../shared/api/routes/exchange-routes'
import { answer } from '../answer'
import { bodyLimit } from 'hono/body-limit'
import { addStreamItems } from '../../../shared/stream/stream-doc'
import { StreamQuery } from '../../../shared/api/schemas/exchange'
import { parseStreamFile } from '../../../shared/stream/parse-stream'
import { STREAM_LIMITS, StreamError } from '../../../shared/stream/stream-item'
import { ADMIN_PARTICIPANT_ID, canManage } from '../../auth/access'
import { streamItemId } from '../../stream/stream-ids'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { boardGuard } from '../board-guard'
import { validate } from '../validate'
import { unknownFormat } from './import'

/** Paths app.ts exempts from the 1 MiB API body limit: this route takes files up to 5 MiB. */
export const STREAM_PATH = /^\/api\/boards\/[^/]+\/stream$/

/**
 * POST /api/boards/:id/stream?format=csv|jsonl|txt|rss (facilitator of the board, or admin) with
 * the file as the raw body → 201 {added, skipped, total}. The file is parsed whole before anything
 * is written: a file that cannot be read is a 400 with a `reason` and adds nothing; one over 5 MiB
 * a 413. The items are written into the board's `stream` map through its room, so every client on
 * the board sees them at once, and the change is journaled like any other server write, under the
 * uploader's id. The server never fetches anything: files only.
 */
export function streamRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/:id/stream',
    bodyLimit({
      maxSize: STREAM_LIMITS.maxBytes,
      onError: (c) => c.json({ error: `the file is larger than ${STREAM_LIMITS.maxBytes} bytes`, reason: 'too-large' }, 413)
    }),
    boardGuard(deps, (principal, board) => {
      if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board loads its stream')
      if (board.archived) throw fail(409, 'the board is archived')
    }),
    validate('query', StreamQuery, { reason: unknownFormat }),
    async (c) => {
      const { board, principal } = c.var
      const { format } = c.req.valid('query')
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      try {
        const parsed = parseStreamFile(bytes, format)
        const room = await deps.registry.room(board.id)
        const author = principal.kind === 'admin' ? ADMIN_PARTICIPANT_ID : principal.participant.id
        const result = await room.serverChange((doc) => addStreamItems(doc, parsed.items, streamItemId), author)
        const skipped = parsed.unusable + result.duplicates
        deps.log.info({ board: board.id, format, added: result.added, skipped, total: result.total }, 'stream loaded')
        return answer(c, EXCHANGE_API.uploadStream, { added: result.added, skipped, total: result.total, shortened: parsed.shortened }, 201)
      } catch (err) {
        if (err instanceof StreamError) return c.json({ error: err.message, reason: err.reason }, err.reason === 'too-large' ? 413 : 400)
        throw err
      }
    }
  )
}
