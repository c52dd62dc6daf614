import type { Concept, Link } from '../../shared/schema/board-map'

/** Folds case and accents, so "cafe" finds "Café". */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()

/**
 * Concepts and linking phrases whose label holds `query`, in reading order (top to bottom, then
 * left to right). A hub's phrase counts once (`shown` says which links show their phrase).
 */
export function findMatches(
  query: string,
  concepts: ReadonlyMap<string, Concept>,
  links: readonly Link[],
  at: (id: string) => { x: number; y: number } | null,
  shown: (id: string) => boolean
): string[] {
  const q = fold(query.trim())
  if (!q) return []
  const hits: { id: string; x: number; y: number }[] = []
  const add = (id: string) => {
    const p = at(id)
    if (p) hits.push({ id, ...p })
  }
  for (const c of concepts.values()) if (fold(c.label).includes(q)) add(c.id)
  for (const l of links) if (shown(l.id) && fold(l.label).includes(q)) add(l.id)
  // Rows of 40 units, so items side by side read left to right.
  return hits.sort((a, b) => Math.round(a.y / 40) - Math.round(b.y / 40) || a.x - b.x).map((h) => h.id)
}
