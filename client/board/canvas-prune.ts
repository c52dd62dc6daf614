import type { Concept, Link } from '../../shared/schema/board-map'
import type { EditTarget } from './canvas-types'

/** The canvas as pruning sees it. */
export interface PruneHost {
  readonly concepts: ReadonlyMap<string, Concept>
  readonly links: ReadonlyMap<string, Link>
  selection: ReadonlySet<string>
  editing: EditTarget | null
  connectFrom: string | null
  activeId: string | null
  readonly updateComplete: Promise<boolean>
  matches(selector: string): boolean
  focusMap(): void
}

/** Drops selection, editing and focus on items someone else deleted. */
export function pruneGone(host: PruneHost): void {
  const exists = (id: string) => host.concepts.has(id) || host.links.has(id)
  if ([...host.selection].some((id) => !exists(id))) host.selection = new Set([...host.selection].filter(exists))
  const e = host.editing
  if (e && e.kind !== 'draft' && !exists(e.id)) host.editing = null
  if (e?.kind === 'draft' && e.linkFrom && !host.concepts.has(e.linkFrom)) host.editing = { ...e, linkFrom: null }
  if (host.connectFrom && !host.concepts.has(host.connectFrom)) host.connectFrom = null
  if (host.activeId && !exists(host.activeId)) {
    const hadFocus = host.matches(':focus-within')
    host.activeId = null
    if (hadFocus) void host.updateComplete.then(() => host.focusMap())
  }
}
