import { Hono } from 'hono'
import { CloseCode } from '../../../shared/close-codes'
import { boardTypes } from '../../../shared/schema/board-doc'
import { ADMIN_PARTICIPANT_ID, canManage } from '../../auth/access'
import { isExactOrigin, MAX_ALLOWED_ORIGINS } from '../../auth/origins'
import type { BoardRecord } from '../../store/metadata'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { readJsonObject, stringField } from '../read-json'
import { boardFromPath, boardView, MAX_FOCUS_QUESTION_LENGTH, MAX_TITLE_LENGTH } from './boards'

const FIELDS = new Set(['title', 'focusQuestion', 'locked', 'archived', 'allowedOrigins'])

/**
 * PATCH /api/boards/:id {title?, focusQuestion?, locked?, archived?, allowedOrigins?} (admin or the
 * board's facilitator). Every change applies live: a lock to the room at once, an archive closes
 * every connection with 4403, a new title or focus question is written into the board's document
 * (journaled, attributed to whoever made it) so everyone on the board sees it.
 */
export function boardSettingsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().patch('/:id', async (c) => {
    const board = await boardFromPath(deps, c.req.param('id'))
    const principal = c.var.principal
    if (!canManage(principal, board.id)) throw fail(403, 'only an admin or a facilitator of this board changes it')
    const body = await readJsonObject(c)
    const unknown = Object.keys(body).filter((k) => !FIELDS.has(k))
    if (unknown.length > 0) throw fail(400, `unknown field ${unknown[0]}; expected title, focusQuestion, locked, archived or allowedOrigins`)

    const patch: Partial<Omit<BoardRecord, 'id'>> = {}
    if (body.title !== undefined) {
      const title = stringField(body, 'title', MAX_TITLE_LENGTH)
      if (title.length === 0) throw fail(400, 'title must not be empty')
      patch.title = title
    }
    if (body.focusQuestion !== undefined) patch.focusQuestion = stringField(body, 'focusQuestion', MAX_FOCUS_QUESTION_LENGTH)
    for (const flag of ['locked', 'archived'] as const) {
      if (body[flag] === undefined) continue
      if (typeof body[flag] !== 'boolean') throw fail(400, `${flag} must be true or false`)
      patch[flag] = body[flag]
    }
    if (body.allowedOrigins !== undefined) patch.allowedOrigins = readOrigins(body.allowedOrigins)

    const updated = (await deps.store.metadata.updateBoard(board.id, patch)) ?? board
    if (patch.locked !== undefined && patch.locked !== board.locked) deps.registry.setLocked(board.id, patch.locked)
    if (patch.archived && !board.archived) {
      const ejection = { boardId: board.id, participantIds: 'all' as const, code: CloseCode.forbidden, reason: 'board is archived' }
      deps.access.eject(ejection)
      deps.registry.disconnect(board.id, () => true, ejection.code, ejection.reason)
    }
    // Compared with the document, not the stored record: the document is what everyone sees, and what
    // a PATCH must be able to repair whatever the record says.
    const meta: [string, string][] = []
    if (patch.title !== undefined) meta.push(['title', patch.title])
    if (patch.focusQuestion !== undefined) meta.push(['focusQuestion', patch.focusQuestion])
    if (meta.length > 0) {
      const room = await deps.registry.room(board.id)
      const author = principal.kind === 'admin' ? ADMIN_PARTICIPANT_ID : principal.participant.id
      room.applyServerChange((doc) => {
        const m = boardTypes(doc).meta
        doc.transact(() => {
          for (const [key, value] of meta) if (m.get(key) !== value) m.set(key, value)
        })
      }, author)
    }
    deps.log.info({ board: board.id, changed: Object.keys(patch) }, 'board changed')
    return c.json(boardView(updated, deps.publicUrl()))
  })
}

/** An allow-list: exact origins (scheme://host[:port]), at most MAX_ALLOWED_ORIGINS, duplicates dropped. */
function readOrigins(value: unknown): string[] {
  if (!Array.isArray(value)) throw fail(400, 'allowedOrigins must be an array of origins')
  if (value.length > MAX_ALLOWED_ORIGINS) throw fail(400, `allowedOrigins holds at most ${MAX_ALLOWED_ORIGINS} origins`)
  for (const origin of value) {
    if (!isExactOrigin(origin)) {
      const shown = typeof origin === 'string' ? origin.slice(0, 80) : typeof origin
      throw fail(400, `allowedOrigins: "${shown}" is not an origin; write exactly scheme://host[:port], e.g. https://partner.example`)
    }
  }
  return [...new Set(value as string[])]
}
