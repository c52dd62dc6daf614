import type { Group } from '../roles'
import type { Concept, Link } from '../schema/board-map'
import { CONCEPT_FIELDS, CONCEPT_SHAPES } from '../schema/element-fields'
import {
  ImportError, IdSpace, cleanLabel, coordinate, dimension, emptyReport, limitsWith, readInput,
  type ImportLimits, type ImportResult
} from './import-common'
import { BOARD_FILE_FORMAT, BOARD_FILE_VERSION } from './json-export'
import { gridBelow, type Point } from './layout'

/**
 * Reads a board file (or the bare `{concepts, links}` of the map endpoint). The shape of the file
 * is checked strictly and refused if wrong; each concept and link is checked on its own and
 * repaired or dropped, so one bad element does not cost the rest.
 */

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
// Hex or a plain colour word: anything else could be CSS smuggled into a client's style attribute.
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,32})$/
// Text colour and shape are newer than `color` and take only what the board itself writes.
const HEX = /^#[0-9a-fA-F]{6}$/
const isConceptShape = (v: unknown): v is string => typeof v === 'string' && (CONCEPT_SHAPES as readonly string[]).includes(v)
const GROUP = (v: unknown): v is Group => v === 'B' || v === 'U'

/** What links may use to name a concept: ids arrive as strings, sometimes as numbers. */
const refOf = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null)

function list(root: Obj, key: string, limit: number): unknown[] {
  const v = root[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new ImportError('not-board', `"${key}" is not a list`)
  if (v.length > limit) throw new ImportError('too-many-elements', `the file holds more than ${limit} ${key}`)
  return v
}

function parse(text: string): Obj {
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch (err) {
    throw new ImportError('not-json', `not valid JSON: ${err instanceof Error ? err.message.slice(0, 200) : 'parse error'}`)
  }
  if (!isObj(root)) throw new ImportError('not-board', 'the JSON is not an object')
  if (root.format === undefined) {
    if (!Array.isArray(root.concepts) && !Array.isArray(root.links)) throw new ImportError('not-board', 'the JSON holds no "concepts" or "links"')
    return root
  }
  if (root.format !== BOARD_FILE_FORMAT) throw new ImportError('not-board', `"format" is not "${BOARD_FILE_FORMAT}"`)
  if (typeof root.version !== 'number' || !Number.isInteger(root.version) || root.version < 1) {
    throw new ImportError('not-board', '"version" is not a positive integer')
  }
  if (root.version > BOARD_FILE_VERSION) {
    throw new ImportError('unsupported-version', `version ${root.version} is newer than this server reads (${BOARD_FILE_VERSION})`)
  }
  if (root.meta !== undefined && !isObj(root.meta)) throw new ImportError('not-board', '"meta" is not an object')
  return root
}

export function importJson(input: string | Uint8Array, options: Partial<ImportLimits> = {}): ImportResult {
  const limits = limitsWith(options)
  const root = parse(readInput(input, limits.maxBytes, 'json'))
  const conceptItems = list(root, 'concepts', limits.maxConcepts)
  const linkItems = list(root, 'links', limits.maxLinks)
  const { dropped, repaired } = emptyReport()
  const creators: Record<string, Group> = Object.create(null)
  const ids = new IdSpace()
  const text = (v: unknown): string => {
    if (v !== undefined && typeof v !== 'string') repaired.fields++
    return cleanLabel(v, limits, repaired)
  }

  // Two passes, so a fresh id handed to a malformed one never takes an id a later concept holds.
  const seen = new Set<string>()
  const accepted: { item: Obj; ref: string | null; id: string | null }[] = []
  for (const item of conceptItems) {
    const ref = isObj(item) ? refOf(item.id) : null
    if (!isObj(item) || (ref !== null && seen.has(ref))) { dropped.concepts++; continue }
    if (ref !== null) seen.add(ref)
    accepted.push({ item, ref, id: ids.claim(item.id) ? (item.id as string) : null })
  }
  const byRef = new Map<string, string>()
  const concepts: Concept[] = []
  const unplaced: Concept[] = []
  const placed: Point[] = []
  for (const { item, ref, id: claimed } of accepted) {
    const id = claimed ?? ids.fresh('c')
    if (!claimed) repaired.ids++
    if (ref !== null) byRef.set(ref, id)
    const x = coordinate(item.x)
    const y = coordinate(item.y)
    const c: Concept = { id, label: text(item.label), x: x ?? 0, y: y ?? 0 }
    if (x === null || y === null) unplaced.push(c)
    else placed.push({ x, y })
    for (const key of ['w', 'h'] as const) {
      if (item[key] === undefined) continue
      const d = dimension(item[key])
      if (d === null) repaired.fields++
      else c[key] = d
    }
    if (item.color !== undefined) {
      if (typeof item.color === 'string' && COLOR.test(item.color)) c.color = item.color
      else repaired.fields++
    }
    if (item.textColor !== undefined) {
      if (typeof item.textColor === 'string' && HEX.test(item.textColor)) c.textColor = item.textColor.toLowerCase()
      else repaired.fields++
    }
    if (item.shape !== undefined) {
      if (isConceptShape(item.shape)) c.shape = item.shape
      else repaired.fields++
    }
    // An item id, as the board document takes it; the item itself need not be on the new board
    // (an origin without its item counts for nothing in the metrics, and keeps where it came from).
    if (item.origin !== undefined) {
      if (CONCEPT_FIELDS.origin!(item.origin)) c.origin = item.origin as string
      else repaired.fields++
    }
    if (GROUP(item.creatorGroup)) creators[id] = item.creatorGroup
    else if (item.creatorGroup !== undefined) repaired.fields++
    concepts.push(c)
  }
  gridBelow(placed, unplaced.length).forEach((p, i) => Object.assign(unplaced[i]!, p))
  repaired.positions += unplaced.length

  const kept: { item: Obj; from: string; to: string; id: string | null }[] = []
  for (const item of linkItems) {
    const from = isObj(item) ? byRef.get(refOf(item.from) ?? '') : undefined
    const to = isObj(item) ? byRef.get(refOf(item.to) ?? '') : undefined
    if (!isObj(item) || from === undefined || to === undefined) { dropped.links++; continue }
    kept.push({ item, from, to, id: ids.claim(item.id) ? (item.id as string) : null })
  }
  const links: Link[] = kept.map(({ item, from, to, id: claimed }) => {
    const id = claimed ?? ids.fresh('l')
    if (!claimed) repaired.ids++
    if (GROUP(item.creatorGroup)) creators[id] = item.creatorGroup
    else if (item.creatorGroup !== undefined) repaired.fields++
    return { id, from, to, label: text(item.label) }
  })

  const meta = isObj(root.meta) ? root.meta : root
  return {
    map: { title: text(meta.title), focusQuestion: text(meta.focusQuestion), concepts, links },
    creators,
    dropped,
    repaired
  }
}
