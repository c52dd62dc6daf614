import type { Dropped, Repaired } from '../exchange/import-common'

/**
 * The board shapes of the HTTP API (docs/api.md, "Boards"), defined once: the server's routes build
 * them and the console and tests read them.
 */

/** A board as GET/POST/PATCH /api/boards answer it. */
export interface BoardView {
  id: string
  title: string
  focusQuestion: string
  createdAt: number
  /** Read-only for all but facilitators. */
  locked: boolean
  archived: boolean
  /** Origins (scheme://host[:port]) allowed to embed the board. */
  allowedOrigins: string[]
  /** The board page, on the server's public URL. */
  url: string
}

/** What PATCH /api/boards/:id may change. */
export type BoardPatch = Partial<Pick<BoardView, 'title' | 'focusQuestion' | 'locked' | 'archived' | 'allowedOrigins'>>

/** What POST /api/boards/import answers: the new board and what became of the file. */
export interface ImportedBoard {
  id: string
  title: string
  focusQuestion: string
  url: string
  concepts: number
  links: number
  /** Elements left out, counted by reason. */
  dropped: Dropped
  /** Elements kept after a repair, counted by repair. */
  repaired: Repaired
}
