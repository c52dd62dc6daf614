import type { Concept, Link } from './board-map'

/** A value of the plain map after one journal entry: an element's new state (null: gone), or a meta field. */
export type MapChange =
  | { type: 'concept'; id: string; value: Concept | null }
  | { type: 'link'; id: string; value: Link | null }
  | { type: 'meta'; key: 'title' | 'focusQuestion'; value: string }
