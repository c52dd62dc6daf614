import { exportJson } from '../../shared/exchange/json-export'
import { importJson } from '../../shared/exchange/json-import'
import type { BoardMap, Concept, Link } from '../../shared/schema/board-map'

/**
 * Copy and paste of part of a map. The clipboard carries the board JSON file (docs/api.md, "Board
 * file"), so a selection pastes into another board, another tab, or the import of a new board, and
 * anything pasted is read as untrusted input by the same importer as a file. Loaded on first use:
 * the importer stays out of the board's first bundle.
 */

/** The selected concepts, the links among them, and selected links whose two concepts are selected. */
export function selectedMap(concepts: ReadonlyMap<string, Concept>, links: ReadonlyMap<string, Link>, ids: Iterable<string>): BoardMap {
  const chosen = new Set(ids)
  const picked = [...chosen].map((id) => concepts.get(id)).filter((c): c is Concept => c !== undefined)
  const inside = new Set(picked.map((c) => c.id))
  const among = [...links.values()].filter((l) => inside.has(l.from) && inside.has(l.to))
  return { title: '', focusQuestion: '', concepts: picked, links: among }
}

export function clipboardText(map: BoardMap): string {
  return exportJson(map)
}

/** The map a pasted text holds, or null when it is no board file (then the paste is not ours). */
export function pastedMap(text: string): BoardMap | null {
  if (!/^\s*\{/.test(text)) return null
  try {
    const { map } = importJson(text)
    return map.concepts.length ? map : null
  } catch {
    return null
  }
}
