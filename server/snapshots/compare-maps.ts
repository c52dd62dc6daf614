import type { MapComparison, PropositionView } from '../../shared/api/snapshots'
import { propositions, type BoardMap, type Link } from '../../shared/schema/board-map'

export type { MapComparison, PropositionView }

function views(map: BoardMap): Map<string, PropositionView> {
  const labels = new Map(map.concepts.map((c) => [c.id, c.label]))
  const out = new Map<string, PropositionView>()
  for (const l of propositions(map)) out.set(l.id, view(l, labels))
  return out
}

const view = (l: Link, labels: ReadonlyMap<string, string>): PropositionView => ({
  id: l.id,
  from: l.from,
  to: l.to,
  label: l.label,
  sentence: [labels.get(l.from) ?? '', l.label, labels.get(l.to) ?? ''].filter((s) => s !== '').join(' ')
})

/**
 * What changed from map `a` to map `b` of one board, as CmapTools' "compare two Cmaps" reports it:
 * concepts and propositions added, removed and relabelled. Elements are matched by id (both maps
 * are moments of the same board); only propositions (links with both concepts) are compared.
 */
export function compareMaps(a: BoardMap, b: BoardMap): MapComparison {
  const before = new Map(a.concepts.map((c) => [c.id, c]))
  const after = new Map(b.concepts.map((c) => [c.id, c]))
  const result: MapComparison = {
    concepts: { added: [], removed: [], relabelled: [] },
    propositions: { added: [], removed: [], relabelled: [], reconnected: [] }
  }
  for (const c of b.concepts) {
    const was = before.get(c.id)
    if (!was) result.concepts.added.push(c)
    else if (was.label !== c.label) result.concepts.relabelled.push({ id: c.id, before: was.label, after: c.label })
  }
  for (const c of a.concepts) if (!after.has(c.id)) result.concepts.removed.push(c)
  const pa = views(a)
  const pb = views(b)
  for (const [id, p] of pb) {
    const was = pa.get(id)
    if (!was) result.propositions.added.push(p)
    else {
      if (was.from !== p.from || was.to !== p.to) result.propositions.reconnected.push({ id, before: was, after: p })
      if (was.label !== p.label) result.propositions.relabelled.push({ id, before: was, after: p })
    }
  }
  for (const [id, p] of pa) if (!pb.has(id)) result.propositions.removed.push(p)
  return result
}
