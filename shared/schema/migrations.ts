import type * as Y from 'yjs'
import { boardTypes } from './board-doc'

/**
 * The board document's schema version and the named steps that bring an older document up to it.
 * A migration runs inside one transaction on the server, so its changes are journaled and relayed
 * like any edit; clients never migrate.
 */
export interface Migration {
  /** The version the document has after this step. */
  to: number
  /** What the step does, in words: the log and the journal's author name it. */
  name: string
  run(doc: Y.Doc): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 1,
    name: 'stamp-schema-version-on-unversioned-boards',
    // Version 1 is the contract's first schema: concepts, links, meta. Unversioned documents (written
    // by a stock client before the server stamped them) already have that shape.
    run: () => {}
  }
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.to

export function schemaVersionOf(doc: Y.Doc): number {
  const v = boardTypes(doc).meta.get('schemaVersion')
  return typeof v === 'number' && Number.isInteger(v) ? v : 0
}

/** Applies every pending migration in one transaction; returns the names of those it ran. */
export function migrateBoardDoc(doc: Y.Doc, origin: unknown = null): string[] {
  const from = schemaVersionOf(doc)
  const pending = MIGRATIONS.filter((m) => m.to > from)
  if (pending.length === 0) return []
  doc.transact(() => {
    for (const m of pending) m.run(doc)
    boardTypes(doc).meta.set('schemaVersion', SCHEMA_VERSION)
  }, origin)
  return pending.map((m) => m.name)
}
