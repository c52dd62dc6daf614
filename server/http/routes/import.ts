import type { ImportedBoard } from '../../../shared/api/boards'
import { EXCHANGE_API } from '../../../shared/api/routes/exchange-routes'
import { answer } from '../answer'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { DEFAULT_LIMITS } from '../../../shared/exchange/import-common'
import { ImportQuery } from '../../../shared/api/schemas/exchange'
import { createBoard } from '../../boards/create-board'
import { orRefusal } from '../exchange-refusal'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'
import { MAX_FOCUS_QUESTION_LENGTH, MAX_TITLE_LENGTH, boardView } from './boards'

/** The path app.ts exempts from the 1 MiB API body limit: this route sets its own. */
export const IMPORT_PATH = '/api/boards/import'

/**
 * POST /api/boards/import?format=cxl|json[&title=] with the file as the raw body: a new board
 * holding the file's map. Everything costly — parsing, repairing, building the Yjs document —
 * runs in a worker thread, since seconds of CPU on the event loop would stall every board's sync.
 * What the file held that a board cannot is dropped and counted, what had to be fixed is repaired
 * and counted; a file that cannot be read is a 400 (413 if too large) with a `reason`, and
 * creates nothing.
 */
/** Before the query is read: only the service owner imports boards. */
const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.principal.kind !== 'admin') throw fail(403, 'only the service owner imports boards')
  await next()
})

/** An unknown format is refused with the reason the exchange parsers' refusals carry. */
export const unknownFormat = (issue: { path: PropertyKey[] }) => (issue.path[0] === 'format' ? 'unknown-format' : undefined)

export function importRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/import',
    bodyLimit({
      maxSize: DEFAULT_LIMITS.maxBytes,
      onError: (c) => c.json({ error: `the file is larger than ${DEFAULT_LIMITS.maxBytes} bytes`, reason: 'too-large' }, 413)
    }),
    adminOnly,
    validate('query', ImportQuery, { reason: unknownFormat }),
    async (c) => {
      const { format, title } = c.req.valid('query')
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return orRefusal(c, async () => {
        const imported = await deps.exchange.run({
          kind: 'import',
          format,
          bytes,
          limits: DEFAULT_LIMITS,
          title,
          maxTitleLength: MAX_TITLE_LENGTH,
          maxFocusQuestionLength: MAX_FOCUS_QUESTION_LENGTH
        })
        const board = await createBoard(deps.store, { title: imported.title, focusQuestion: imported.focusQuestion }, deps.now(), imported.update)
        deps.log.info({ board: board.id, format, concepts: imported.concepts, links: imported.links }, 'board imported')
        const { id, url } = boardView(board, deps.publicUrl())
        const { concepts, links, dropped, repaired } = imported
        return answer(c, EXCHANGE_API.importBoard, { id, title: board.title, focusQuestion: board.focusQuestion, url, concepts, links, dropped, repaired } satisfies ImportedBoard, 201)
      })
    }
  )
}
