/**
 * Linking-phrase hubs, as CmapTools draws them: links that carry the same phrase and join the same
 * set of sources to the same set of targets (one concept fanning out to several, several joining
 * one, or CmapTools' many-to-many phrases) read as one phrase with several arrows. The board
 * document keeps plain links; hubs are found from them, so every client and export agrees.
 */

export interface HubLink {
  id: string
  from: string
  to: string
  label: string
}

export interface Hub<L extends HubLink = HubLink> {
  /** The first link's id: a stable name for the hub. */
  id: string
  label: string
  /** Source and target concepts, in the links' order. */
  from: string[]
  to: string[]
  /** Every link of the hub: exactly one per (source, target) pair. */
  links: L[]
}

/**
 * The hubs among `links` (two or more links each), and the links that stand alone. Links without a
 * phrase and loops never join a hub: an unlabelled line has nothing to share.
 */
export function findHubs<L extends HubLink>(links: readonly L[]): { hubs: Hub<L>[]; single: L[] } {
  // phrase → source → its links with that phrase (first of each target only).
  const byLabel = new Map<string, Map<string, L[]>>()
  const single: L[] = []
  const seen = new Set<string>()
  for (const l of links) {
    const pair = `${l.label}\u0000${l.from}\u0000${l.to}`
    if (!l.label || l.from === l.to || seen.has(pair)) { single.push(l); continue }
    seen.add(pair)
    let sources = byLabel.get(l.label)
    if (!sources) byLabel.set(l.label, (sources = new Map()))
    const list = sources.get(l.from)
    if (list) list.push(l)
    else sources.set(l.from, [l])
  }
  const hubs: Hub<L>[] = []
  for (const [label, sources] of byLabel) {
    // Sources with the same set of targets share one phrase.
    const byTargets = new Map<string, L[][]>()
    for (const list of sources.values()) {
      const key = list.map((l) => l.to).sort().join('\u0000')
      const group = byTargets.get(key)
      if (group) group.push(list)
      else byTargets.set(key, [list])
    }
    for (const group of byTargets.values()) {
      const members = group.flat()
      if (members.length < 2) { single.push(...members); continue }
      hubs.push({ id: members[0]!.id, label, from: group.map((list) => list[0]!.from), to: group[0]!.map((l) => l.to), links: members })
    }
  }
  return { hubs, single }
}

/** For each link in a hub, that hub. */
export function hubOfLink<L extends HubLink>(hubs: readonly Hub<L>[]): Map<string, Hub<L>> {
  const out = new Map<string, Hub<L>>()
  for (const h of hubs) for (const l of h.links) out.set(l.id, h)
  return out
}
