import type { Group } from '../roles'
import { propositions, type BoardMap } from '../schema/board-map'
import { creatorGroup } from './color'

/**
 * The documented, versioned JSON file of a board (see docs/api.md, "Board file (JSON)"). A new field is a
 * compatible change; a changed meaning is a new version, and importJson learns to read the old one.
 */
export const BOARD_FILE_FORMAT = 'common-ground/board-map'
export const BOARD_FILE_VERSION = 1

export interface BoardFileConcept {
  id: string
  label: string
  /** Centre of the concept, in board units. */
  x: number
  y: number
  w?: number
  h?: number
  color?: string
  textColor?: string
  shape?: string
  /** The id of the customer-voice (stream) item the concept was made from (contract, "The stream"). */
  origin?: string
  /** Group of the participant who created it: B brand, U customer; absent if neither or unknown. */
  creatorGroup?: Group
}

export interface BoardFileLink {
  id: string
  from: string
  to: string
  /** The linking phrase. */
  label: string
  creatorGroup?: Group
}

export interface BoardFile {
  format: typeof BOARD_FILE_FORMAT
  version: typeof BOARD_FILE_VERSION
  meta: { title: string; focusQuestion: string; boardId?: string; exportedAt?: string }
  concepts: BoardFileConcept[]
  links: BoardFileLink[]
}

export interface JsonExportOptions {
  /** Creator's group by element id, supplied by the server from the update journal. */
  creators?: Readonly<Record<string, Group>>
  boardId?: string
  /** Written as ISO 8601; omitted when absent, so the output is a pure function of its input. */
  exportedAt?: Date | number | string
}

const num = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0)
const dim = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined)

export function toBoardFile(map: BoardMap, options: JsonExportOptions = {}): BoardFile {
  const meta: BoardFile['meta'] = { title: map.title, focusQuestion: map.focusQuestion }
  if (typeof options.boardId === 'string') meta.boardId = options.boardId
  if (options.exportedAt !== undefined) {
    const d = options.exportedAt instanceof Date ? options.exportedAt : new Date(options.exportedAt)
    if (Number.isFinite(d.getTime())) meta.exportedAt = d.toISOString()
  }
  const concepts = map.concepts.map((c) => {
    const out: BoardFileConcept = { id: c.id, label: c.label, x: num(c.x), y: num(c.y) }
    const w = dim(c.w)
    const h = dim(c.h)
    if (w !== undefined) out.w = w
    if (h !== undefined) out.h = h
    if (typeof c.color === 'string') out.color = c.color
    if (typeof c.textColor === 'string') out.textColor = c.textColor
    if (typeof c.shape === 'string') out.shape = c.shape
    if (typeof c.origin === 'string' && c.origin) out.origin = c.origin
    const g = creatorGroup(options.creators, c.id)
    if (g) out.creatorGroup = g
    return out
  })
  const links = propositions(map).map((l) => {
    const out: BoardFileLink = { id: l.id, from: l.from, to: l.to, label: l.label }
    const g = creatorGroup(options.creators, l.id)
    if (g) out.creatorGroup = g
    return out
  })
  return { format: BOARD_FILE_FORMAT, version: BOARD_FILE_VERSION, meta, concepts, links }
}

/**
 * The board as a JSON file. `<`, `>`, `&` and the two JavaScript line separators are written as
 * \u escapes: the same JSON then stays inert if someone pastes it into an HTML page or a script.
 */
export function exportJson(map: BoardMap, options: JsonExportOptions = {}): string {
  return JSON.stringify(toBoardFile(map, options), null, 2)
    .replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n'
}
