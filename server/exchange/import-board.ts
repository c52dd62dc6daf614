import { importMap, keepOriginsWithItems, type Repaired } from '../../shared/exchange/index'
import { initialUpdate } from '../boards/initial-update'
import type { PreparedImport, ImportTask } from './exchange-task'

/** What a file's map is called when neither the file nor `?title=` names it. */
export const DEFAULT_IMPORT_TITLE = 'Imported map'

/** A title or question from a file, cut to what a board allows (counted as a repaired label). */
function fitted(text: string, max: number, repaired: Repaired): string {
  const s = text.trim()
  if (s.length <= max) return s
  repaired.labels++
  return s.slice(0, max).trim()
}

/**
 * Reads a file into a new board's first update; throws ImportError for a file it cannot read.
 * Pure, and all the CPU of an import: the exchange worker runs it.
 *
 * A concept's `origin` is dropped (and counted as repaired): its stream item is not on the new board.
 *
 * Imported elements get no creator: a JSON file's creatorGroup names no participant of this
 * service, and the metrics count such elements as nobody's.
 */
export function importBoard(task: ImportTask): PreparedImport {
  const { map: read, dropped, repaired } = importMap(task.format, task.bytes, task.limits)
  // The new board's stream is empty (a board file carries no stream items): no origin has its item.
  const map = keepOriginsWithItems(read, new Set(), repaired)
  const title = task.title || fitted(map.title, task.maxTitleLength, repaired) || DEFAULT_IMPORT_TITLE
  const focusQuestion = fitted(map.focusQuestion, task.maxFocusQuestionLength, repaired)
  const update = initialUpdate({ title, focusQuestion, map })
  return { title, focusQuestion, update, concepts: map.concepts.length, links: map.links.length, dropped, repaired }
}
