/** A plain snapshot of a board's map: what exports, metrics and the `map` endpoint work on. */
export interface Concept {
  id: string
  label: string
  x: number
  y: number
  w?: number
  h?: number
  color?: string
  /** Text colour, `#rrggbb`; absent: chosen for contrast with the fill (see `readableText`). */
  textColor?: string
  /** One of CONCEPT_SHAPES; absent: rounded. */
  shape?: string
  /** The stream item this concept was made from (contract, "The stream"). */
  origin?: string
}

export interface Link {
  id: string
  from: string
  to: string
  /** The linking phrase. */
  label: string
}

export interface BoardMap {
  title: string
  focusQuestion: string
  concepts: Concept[]
  links: Link[]
}

/** Links whose two endpoint concepts exist: only these are propositions (drawn, exported, scored). */
export function propositions<L extends Pick<Link, 'from' | 'to'>>(map: { concepts: ReadonlyArray<Pick<Concept, 'id'>>; links: readonly L[] }): L[] {
  const ids = new Set(map.concepts.map((c) => c.id))
  return map.links.filter((l) => ids.has(l.from) && ids.has(l.to))
}
