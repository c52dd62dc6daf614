import type { Group } from '../roles'
import type { BoardMap } from '../schema/board-map'

/** Labels are compared after trimming, case-folding and collapsing runs of white space. */
export function normalizeLabel(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** One board as the comparison reads it: its map and, per link, when and by which side it was created. */
export interface ComparedBoard {
  id: string
  title: string
  map: BoardMap
  /** By link id: the link's first `create` (epoch ms) and its author's group (null: facilitator, viewer, unknown). */
  linkOrigins: ReadonlyMap<string, { at: number; side: Group | null }>
}

export interface PropositionOnBoard {
  board: string
  /** When the proposition was first written on this board (its earliest link), and by which side. */
  at: number | null
  side: Group | null
}

export interface RecurringProposition {
  /** `from|phrase|to`, normalised: what makes two propositions the same. */
  key: string
  /** Labels as first written (on the board where the proposition appeared first). */
  from: string
  label: string
  to: string
  /** How many of the compared boards hold it. */
  boards: number
  /** Where it appears, in the order it was first written (unknown times last, by board order). */
  on: PropositionOnBoard[]
  /** The side that wrote it first across the boards (null when that link's author was in neither group or unknown). */
  firstSide: Group | null
}

/**
 * The propositions of several boards (links present with both endpoint concepts present), matched
 * across boards by their normalised concept and phrase labels: each with how many boards hold it,
 * where, and on which side it was first written. A board holding the same proposition twice counts
 * once, at its earliest link. Sorted by boards (most first), then by key.
 */
export function recurringPropositions(boards: readonly ComparedBoard[]): RecurringProposition[] {
  const found = new Map<string, { from: string; label: string; to: string; first: number; on: Map<string, PropositionOnBoard> }>()
  boards.forEach((board, boardIndex) => {
    const concepts = new Map(board.map.concepts.map((c) => [c.id, c]))
    for (const link of board.map.links) {
      const from = concepts.get(link.from)
      const to = concepts.get(link.to)
      if (!from || !to) continue
      const key = [from.label, link.label, to.label].map(normalizeLabel).join('|')
      const origin = board.linkOrigins.get(link.id)
      const here: PropositionOnBoard = { board: board.id, at: origin?.at ?? null, side: origin?.side ?? null }
      let entry = found.get(key)
      // Ordered by time where known; otherwise by board order, after any known time.
      const rank = here.at ?? Number.MAX_SAFE_INTEGER - boards.length + boardIndex
      if (!entry) {
        entry = { from: from.label.trim(), label: link.label.trim(), to: to.label.trim(), first: rank, on: new Map() }
        found.set(key, entry)
      } else if (rank < entry.first) {
        Object.assign(entry, { from: from.label.trim(), label: link.label.trim(), to: to.label.trim(), first: rank })
      }
      const before = entry.on.get(board.id)
      if (!before || (here.at !== null && (before.at === null || here.at < before.at))) entry.on.set(board.id, here)
    }
  })
  const order = new Map(boards.map((b, i) => [b.id, i]))
  const out: RecurringProposition[] = []
  for (const [key, e] of found) {
    const on = [...e.on.values()].sort(
      (a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || order.get(a.board)! - order.get(b.board)!
    )
    out.push({ key, from: e.from, label: e.label, to: e.to, boards: on.length, on, firstSide: on[0]!.side })
  }
  return out.sort((a, b) => b.boards - a.boards || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
