import type { Group } from '../roles'
import { ratio } from './arithmetic'
import type { MetricsLink, StructureScore } from './types'

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
export function structure(P: readonly MetricsLink[], ctx: StructureContext): StructureScore {
  if (P.length === 0) return { NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null }
  const graph = ConceptGraph.of(P)
  const ids = graph.ids
  return structureOfGraph(graph, (a, b) => ctx.compareCreation(ids[a] as string, ids[b] as string), (n) => ctx.creatorOf(ids[n] as string))
}

/**
 * `structure` over a graph of P already built, its concepts compared and their creators read by
 * node (map-figures.ts reads each concept's history once per profile rather than per use).
 */
export function structureOfGraph(graph: ConceptGraph, compareNodes: (a: number, b: number) => number, creatorOfNode: (n: number) => Group | null): StructureScore {
  const links = graph.ends.length >> 1
  if (links === 0) return { NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null }
  const root = graph.rootBy(compareNodes)
  const HH = graph.eccentricity(root)
  const branch = graph.branchesBy(root, compareNodes)

  let NCL = 0
  let integrative = 0
  const ends = graph.ends
  for (let i = 0; i < links; i++) {
    const from = ends[2 * i] as number
    const to = ends[2 * i + 1] as number
    if (from === root || to === root) continue
    const a = branch[from] as number
    const b = branch[to] as number
    // unreachable concepts have no branch (-1), so a link touching one is never a cross-link
    if (a < 0 || b < 0 || a === b) continue
    NCL++
    const ga = creatorOfNode(from)
    const gb = creatorOfNode(to)
    if (ga !== null && gb !== null && ga !== gb) integrative++
  }
  return { NP: links, HH, NCL, score: links + 5 * HH + 10 * NCL, integrativeCrossLinks: ratio(integrative, NCL) }
}

/**
 * The undirected multigraph G of propositions, concepts numbered in order of first appearance and
 * neighbour lists packed in one array (a report's timeline scores it two dozen times over 10^4
 * links, so it avoids a Map and an array per concept). A neighbour appears once per link, and a
 * self-loop lists its concept twice, so a list's length is the concept's degree (parallel links
 * each count, a self-loop counts 2).
 */
export class ConceptGraph {
  private constructor(
    /** Concept id of each node. */
    readonly ids: readonly string[],
    /** Node of each link's endpoints: link i joins ends[2i] and ends[2i + 1]. */
    readonly ends: Int32Array,
    /** Neighbours of node n: neighbours[start[n] .. start[n + 1]). */
    private readonly start: Int32Array,
    private readonly neighbours: Int32Array
  ) {}

  static of(P: readonly MetricsLink[]): ConceptGraph {
    const index = new Map<string, number>()
    const ids: string[] = []
    const ends = new Int32Array(2 * P.length)
    const node = (id: string) => {
      let n = index.get(id)
      if (n === undefined) {
        n = ids.length
        index.set(id, n)
        ids.push(id)
      }
      return n
    }
    for (let i = 0; i < P.length; i++) {
      const p = P[i] as MetricsLink
      ends[2 * i] = node(p.from)
      ends[2 * i + 1] = node(p.to)
    }
    const start = new Int32Array(ids.length + 1)
    for (const n of ends) start[n + 1] = (start[n + 1] as number) + 1
    for (let n = 0; n < ids.length; n++) start[n + 1] = (start[n + 1] as number) + (start[n] as number)
    const fill = start.slice(0, ids.length)
    const neighbours = new Int32Array(ends.length)
    for (let i = 0; i < ends.length; i += 2) {
      const a = ends[i] as number
      const b = ends[i + 1] as number
      neighbours[fill[a] as number] = b
      fill[a] = (fill[a] as number) + 1
      neighbours[fill[b] as number] = a
      fill[b] = (fill[b] as number) + 1
    }
    return new ConceptGraph(ids, ends, start, neighbours)
  }

  degree(n: number): number {
    return (this.start[n + 1] as number) - (this.start[n] as number)
  }

  /** Root: highest degree; ties go to the earliest created concept. */
  root(compareCreation: (a: string, b: string) => number): number {
    return this.rootBy((a, b) => compareCreation(this.ids[a] as string, this.ids[b] as string))
  }

  /** `root`, concepts compared by node. */
  rootBy(compareNodes: (a: number, b: number) => number): number {
    let root = -1
    let best = -1
    for (let n = 0; n < this.ids.length; n++) {
      const degree = this.degree(n)
      if (degree > best || (degree === best && compareNodes(n, root) < 0)) {
        root = n
        best = degree
      }
    }
    if (root < 0) throw new Error('ConceptGraph.root: empty graph')
    return root
  }

  /** The largest BFS distance from the root to a concept reachable from it. */
  eccentricity(root: number): number {
    const dist = new Int32Array(this.ids.length).fill(-1)
    const queue = new Int32Array(this.ids.length)
    dist[root] = 0
    queue[0] = root
    let tail = 1
    let max = 0
    for (let head = 0; head < tail; head++) {
      const u = queue[head] as number
      const d = (dist[u] as number) + 1
      for (let j = this.start[u] as number, end = this.start[u + 1] as number; j < end; j++) {
        const w = this.neighbours[j] as number
        if (dist[w] !== -1) continue
        dist[w] = d
        if (d > max) max = d
        queue[tail++] = w
      }
    }
    return max
  }

  /**
   * Branch of every node reachable from the root (root excluded; -1 elsewhere), as the index of
   * its first-level concept in creation order. A multi-source BFS over G without the root, sources
   * in creation order: a concept at distance d + 1 takes the lowest branch index among its
   * neighbours at distance d; the queue pops a whole layer before the next, so those are final by then.
   */
  branches(root: number, compareCreation: (a: string, b: string) => number): Int32Array {
    return this.branchesBy(root, (a, b) => compareCreation(this.ids[a] as string, this.ids[b] as string))
  }

  /** `branches`, concepts compared by node. */
  branchesBy(root: number, compareNodes: (a: number, b: number) => number): Int32Array {
    const n = this.ids.length
    const branch = new Int32Array(n).fill(-1)
    const dist = new Int32Array(n).fill(-1)
    const queue = new Int32Array(n)
    const firstLevel: number[] = []
    for (let j = this.start[root] as number, end = this.start[root + 1] as number; j < end; j++) {
      const c = this.neighbours[j] as number
      if (c !== root && dist[c] === -1) {
        dist[c] = 0
        firstLevel.push(c)
      }
    }
    firstLevel.sort(compareNodes)
    let tail = 0
    firstLevel.forEach((c, index) => {
      branch[c] = index
      queue[tail++] = c
    })
    for (let head = 0; head < tail; head++) {
      const u = queue[head] as number
      const d = dist[u] as number
      const b = branch[u] as number
      for (let j = this.start[u] as number, end = this.start[u + 1] as number; j < end; j++) {
        const w = this.neighbours[j] as number
        if (w === root) continue
        const dw = dist[w] as number
        if (dw === -1) {
          dist[w] = d + 1
          branch[w] = b
          queue[tail++] = w
        } else if (dw === d + 1 && b < (branch[w] as number)) {
          branch[w] = b
        }
      }
    }
    return branch
  }

  /** Branch of each concept reachable from the root, by id (for reading a graph in tests and reports). */
  branchesById(root: number, compareCreation: (a: string, b: string) => number): Map<string, number> {
    const branch = this.branches(root, compareCreation)
    const out = new Map<string, number>()
    branch.forEach((b, n) => {
      if (b >= 0) out.set(this.ids[n] as string, b)
    })
    return out
  }
}
