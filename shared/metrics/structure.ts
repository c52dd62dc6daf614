import type { Group } from '../roles'
import type { Link } from '../schema/board-map'
import { ratio } from './arithmetic'
import type { StructureScore } from './types'

export interface StructureContext {
  /** "Earliest created" order of concept ids (a total order). */
  compareCreation: (a: string, b: string) => number
  creatorOf: (conceptId: string) => Group | null
}

/**
 * 7. Novak & Gowin structural score over the undirected multigraph G of propositions P:
 * NP = |P|; root = highest degree (ties: earliest created, then smaller id); HH = largest BFS
 * distance from the root; branches = nearest first-level concept in G without the root (ties:
 * earliest created first-level concept); NCL = links of P joining non-root concepts of different
 * branches; score = NP + 5·HH + 10·NCL; integrativeCrossLinks = share of cross-links whose
 * endpoint creators are in different groups (null when NCL = 0).
 */
export function structure(P: readonly Link[], ctx: StructureContext): StructureScore {
  if (P.length === 0) return { NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null }
  const adjacency = adjacencyOf(P)
  const root = chooseRoot(adjacency, ctx.compareCreation)
  const HH = eccentricity(adjacency, root)
  const branch = branches(adjacency, root, ctx.compareCreation)

  let NCL = 0
  let integrative = 0
  for (const p of P) {
    if (p.from === root || p.to === root) continue
    const a = branch.get(p.from)
    const b = branch.get(p.to)
    // unreachable concepts have no branch, so a link touching one is never a cross-link
    if (a === undefined || b === undefined || a === b) continue
    NCL++
    const ga = ctx.creatorOf(p.from)
    const gb = ctx.creatorOf(p.to)
    if (ga !== null && gb !== null && ga !== gb) integrative++
  }
  return { NP: P.length, HH, NCL, score: P.length + 5 * HH + 10 * NCL, integrativeCrossLinks: ratio(integrative, NCL) }
}

/**
 * Neighbour lists of G; a neighbour appears once per link, and a self-loop lists its concept twice,
 * so a list's length is the concept's degree (parallel links each count, a self-loop counts 2).
 */
export function adjacencyOf(P: readonly Link[]): Map<string, string[]> {
  const adjacency = new Map<string, string[]>()
  const push = (a: string, b: string) => {
    const list = adjacency.get(a)
    if (list === undefined) adjacency.set(a, [b])
    else list.push(b)
  }
  for (const p of P) {
    push(p.from, p.to)
    push(p.to, p.from)
  }
  return adjacency
}

export function chooseRoot(
  adjacency: ReadonlyMap<string, readonly string[]>,
  compareCreation: (a: string, b: string) => number
): string {
  let root: string | null = null
  let best = -1
  for (const [id, neighbours] of adjacency) {
    const degree = neighbours.length
    if (degree > best || (degree === best && root !== null && compareCreation(id, root) < 0)) {
      root = id
      best = degree
    }
  }
  if (root === null) throw new Error('chooseRoot: empty graph')
  return root
}

/** The largest BFS distance from the root to a concept reachable from it. */
function eccentricity(adjacency: ReadonlyMap<string, readonly string[]>, root: string): number {
  const dist = new Map<string, number>([[root, 0]])
  const queue = [root]
  let max = 0
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as string
    const d = dist.get(u) as number
    for (const w of adjacency.get(u) ?? []) {
      if (dist.has(w)) continue
      dist.set(w, d + 1)
      max = Math.max(max, d + 1)
      queue.push(w)
    }
  }
  return max
}

/**
 * Branch of every concept reachable from the root (root excluded), as the index of its
 * first-level concept in creation order. A multi-source BFS over G without the root, sources in
 * creation order: a concept at distance d + 1 takes the lowest branch index among its neighbours
 * at distance d; the queue pops a whole layer before the next, so those are final by then.
 */
export function branches(
  adjacency: ReadonlyMap<string, readonly string[]>,
  root: string,
  compareCreation: (a: string, b: string) => number
): Map<string, number> {
  const firstLevel = [...new Set(adjacency.get(root) ?? [])].filter((c) => c !== root).sort(compareCreation)
  const branch = new Map<string, number>()
  const dist = new Map<string, number>()
  const queue: string[] = []
  firstLevel.forEach((c, index) => {
    branch.set(c, index)
    dist.set(c, 0)
    queue.push(c)
  })
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i] as string
    const d = dist.get(u) as number
    const b = branch.get(u) as number
    for (const w of adjacency.get(u) ?? []) {
      if (w === root) continue
      const dw = dist.get(w)
      if (dw === undefined) {
        dist.set(w, d + 1)
        branch.set(w, b)
        queue.push(w)
      } else if (dw === d + 1 && b < (branch.get(w) as number)) {
        branch.set(w, b)
      }
    }
  }
  return branch
}
