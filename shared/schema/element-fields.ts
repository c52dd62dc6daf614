/**
 * The fields a concept or a link may carry in the board document, and what each may hold. One list
 * for everyone: the server checks every update against it (a stock client can write anything), the
 * board writes only these, and imports and exports read them.
 */

/** Element ids (concepts, links, stream items) are URL-safe, as board ids are. */
export const ELEMENT_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Concept outlines the board can draw (CXL's shapes map onto these). */
export const CONCEPT_SHAPES = ['rounded', 'rectangle', 'ellipse', 'diamond'] as const
export type ConceptShape = (typeof CONCEPT_SHAPES)[number]

/** Per-board and per-element bounds: the import limits, the same through sync. */
export const CONTENT_LIMITS = {
  maxConcepts: 20_000,
  maxLinks: 50_000,
  maxLabelLength: 2_000,
  /** Coordinates beyond this are no drawing anyone can see; 1e308 would blank the board. */
  maxCoordinate: 1_000_000,
  /** Box sizes, in board units. */
  maxSize: 10_000,
  maxTitleLength: 200,
  maxFocusQuestionLength: 1_000
} as const

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

export type FieldCheck = (value: unknown) => boolean

const string = (max: number): FieldCheck => (v) => typeof v === 'string' && v.length <= max
const coordinate: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= CONTENT_LIMITS.maxCoordinate
const size: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= CONTENT_LIMITS.maxSize
const hexColor: FieldCheck = (v) => typeof v === 'string' && HEX_COLOR.test(v)
const elementId: FieldCheck = (v) => typeof v === 'string' && ELEMENT_ID.test(v)
const shape: FieldCheck = (v) => typeof v === 'string' && (CONCEPT_SHAPES as readonly string[]).includes(v)

/** Every field a concept may hold; `label`, `x` and `y` are required. */
export const CONCEPT_FIELDS: Readonly<Record<string, FieldCheck>> = {
  label: string(CONTENT_LIMITS.maxLabelLength),
  x: coordinate,
  y: coordinate,
  w: size,
  h: size,
  /** Fill, `#rrggbb`. */
  color: hexColor,
  /** Text colour, `#rrggbb`; absent: chosen for contrast with the fill. */
  textColor: hexColor,
  shape,
  /** The stream item this concept was taken from (contract, "The stream"). */
  origin: elementId
}
export const CONCEPT_REQUIRED = ['label', 'x', 'y'] as const

/** Every field a link may hold; all three are required. */
export const LINK_FIELDS: Readonly<Record<string, FieldCheck>> = {
  from: elementId,
  to: elementId,
  label: string(CONTENT_LIMITS.maxLabelLength)
}
export const LINK_REQUIRED = ['from', 'to', 'label'] as const

/**
 * The `meta` fields a client (a facilitator) may write; `schemaVersion` is the server's alone (it
 * runs the migrations).
 */
export const META_FIELDS: Readonly<Record<string, FieldCheck>> = {
  title: string(CONTENT_LIMITS.maxTitleLength),
  focusQuestion: string(CONTENT_LIMITS.maxFocusQuestionLength)
}

/** Why `value` may not be field `key` of an element with these rules, or null if it may. */
export function fieldProblem(fields: Readonly<Record<string, FieldCheck>>, key: string, value: unknown): string | null {
  const check = fields[key]
  if (!check) return `unknown field "${key.slice(0, 40)}"`
  return check(value) ? null : `bad value for "${key}"`
}
