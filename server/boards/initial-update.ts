import * as Y from 'yjs'
import { boardTypes, writeBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import { SCHEMA_VERSION } from '../../shared/schema/migrations'

export interface NewBoard {
  title: string
  focusQuestion: string
  /** Concepts and links to start with (an import); absent for an empty board. */
  map?: Pick<BoardMap, 'concepts' | 'links'>
}

/**
 * A new board's document as one Yjs update: meta and starting map in a single transaction, so the
 * journal's first entry holds the whole board. Pure and importable without the server around it:
 * for a large import this costs about as much CPU as parsing the file, so imports build it in the
 * exchange worker.
 */
export function initialUpdate(input: NewBoard): Uint8Array {
  const doc = new Y.Doc({ guid: 'board' }) // fixed guid: skips Yjs's uuid (32 crypto calls)
  try {
    doc.transact(() => {
      // Nested transactions join the outer one.
      writeBoardMap(doc, { title: input.title, focusQuestion: input.focusQuestion, concepts: input.map?.concepts ?? [], links: input.map?.links ?? [] })
      boardTypes(doc).meta.set('schemaVersion', SCHEMA_VERSION)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
