import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { ConceptGraph, structure } from '../../../shared/metrics/structure'
import { compareIds } from '../../../shared/events/element-event'
import type { BoardMap } from '../../../shared/schema/board-map'
import { propositions } from '../../../shared/schema/board-map'
import { BoardScript, s } from './board-script'

const LINKS: Array<[string, string, string]> = [
  ['l01', 'R', 'A'],
  ['l02', 'R', 'B'],
  ['l03', 'R', 'C'],
  ['l04', 'A', 'D'],
  ['l05', 'B', 'D'],
  ['l06', 'D', 'E'],
  ['l07', 'C', 'F'],
  ['l08', 'C', 'F'], // parallel to l07
  ['l09', 'F', 'G'],
  ['l10', 'E', 'G'],
  ['l12', 'X', 'Y'], // a component the root cannot reach
  ['l13', 'A', 'B'],
  ['l14', 'R', 'H'],
  ['l15', 'A', 'Ghost'] // dangling: no proposition
]

const CREATOR: Record<string, 'b1' | 'u1'> = {
  R: 'b1', A: 'b1', B: 'u1', C: 'b1', D: 'u1', E: 'b1', F: 'b1', G: 'u1', H: 'b1', X: 'u1', Y: 'b1'
}

/** Concepts created one update each in `order`, then every link in one update by b1. */
function graph(order: string[]): BoardScript {
  const b = new BoardScript({ b1: 'brand', u1: 'customer' })
  order.forEach((id, i) => b.at(s(i + 1), CREATOR[id] as string).concept(id).done())
  const u = b.at(s(100), 'b1')
  for (const [id, from, to] of LINKS) u.link(id, from, to)
  u.done()
  return b
}

describe('structure', () => {
  // Degrees: R 4 (A, B, C, H), A 3, B 3, C 3 (F twice), D 3, F 3, E 2, G 2, H 1, X 1, Y 1 → root R.
  // BFS from R: A B C H at 1; D F at 2; E G at 3 → HH 3. X, Y unreachable.
  // First-level in creation order A, B, C, H. In G without R: D is 1 from A and 1 from B → tie →
  // earliest created first-level: A. E (via D) 2 from A and from B → A. F, G → C.
  // Branches A{A,D,E} B{B} C{C,F,G} H{H}.
  // Cross-links: l05 B–D (B/A), l10 E–G (A/C), l13 A–B (A/B) → NCL 3. l12 X–Y: unreachable, no.
  // NP = 13 (l15 dangling). score = 13 + 5·3 + 10·3 = 58.
  // Integrative: l05 B(u1)–D(u1) no; l10 E(b1)–G(u1) yes; l13 A(b1)–B(u1) yes → 2/3.
  it('scores the hand-worked graph (A created before B)', () => {
    const b = graph(['R', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X', 'Y'])
    const p = computeProfile(b.input(s(100)))
    expect(p.structure.NP).toBe(13)
    expect(p.structure.HH).toBe(3)
    expect(p.structure.NCL).toBe(3)
    expect(p.structure.score).toBe(58)
    expect(p.structure.integrativeCrossLinks).toBeCloseTo(2 / 3, 12)
  })

  // Same graph with B created before A: D and E now go to branch B (B{B,D,E}, A{A}).
  // Cross-links: l04 A–D (A/B), l10 E–G (B/C), l13 A–B → NCL 3, score 58.
  // Integrative: l04 A(b1)–D(u1) yes, l10 yes, l13 yes → 1.
  it('branch ties go to the earliest created first-level concept', () => {
    const b = graph(['R', 'B', 'A', 'C', 'D', 'E', 'F', 'G', 'H', 'X', 'Y'])
    const p = computeProfile(b.input(s(100)))
    expect(p.structure).toEqual({ NP: 13, HH: 3, NCL: 3, score: 58, integrativeCrossLinks: 1 })
  })

  it('branches directly', () => {
    const P = LINKS.slice(0, 13).map(([id, from, to]) => ({ id, from, to, label: '' }))
    const order = ['R', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'X', 'Y']
    const cmp = (a: string, b: string) => order.indexOf(a) - order.indexOf(b)
    const graph = ConceptGraph.of(P)
    const root = graph.root(cmp)
    expect(graph.ids[root]).toBe('R')
    const br = graph.branchesById(root, cmp)
    // indices of first-level concepts in creation order: A 0, B 1, C 2, H 3
    expect(Object.fromEntries([...br].sort(([a], [b]) => compareIds(a, b)))).toEqual({
      A: 0, B: 1, C: 2, D: 0, E: 0, F: 2, G: 2, H: 3
    })
  })

  // Path P1 – N2 – N1 – N3 – P2: degrees N1, N2, N3 = 2, P1, P2 = 1.
  // Root N1 (middle): HH 2, score 4 + 10 = 14. Root N2 or N3 (off-centre): HH 3, score 19.
  const path = (imported: string[], created: string[]) => {
    const b = new BoardScript({ b1: 'brand' }, { concepts: imported })
    created.forEach((id, i) => b.at(s(i + 1), 'b1').concept(id).done())
    b.at(s(50), 'b1').link('e1', 'P1', 'N2').link('e2', 'N2', 'N1').link('e3', 'N1', 'N3').link('e4', 'N3', 'P2').done()
    return computeProfile(b.input(s(50))).structure
  }

  it('root ties: earliest created wins', () => {
    // created in the order N3, N2, N1 → root N3 → HH 3
    expect(path([], ['P1', 'P2', 'N3', 'N2', 'N1'])).toMatchObject({ HH: 3, score: 19 })
    // N1 created first → root N1 → HH 2
    expect(path([], ['N1', 'P1', 'P2', 'N3', 'N2'])).toMatchObject({ HH: 2, score: 14 })
  })

  it('root ties: concepts without a create event come first, then by id', () => {
    // all imported: smallest id among N1, N2, N3 → N1 → 14
    expect(path(['N1', 'N2', 'N3', 'P1', 'P2'], [])).toMatchObject({ HH: 2, score: 14 })
    // N2 imported, the rest created → N2 → 19
    expect(path(['N2'], ['N1', 'N3', 'P1', 'P2'])).toMatchObject({ HH: 3, score: 19 })
  })

  // K–M twice (parallel), N–N (self-loop), N–M. Degrees: K 2, M 3, N 3 (self-loop counts 2).
  // Root N: M at 1, K at 2 → HH 2 → 4 + 10 = 14. Root M: K, N at 1 → HH 1 → 4 + 5 = 9.
  const loops = (order: string[]) => {
    const b = new BoardScript({ b1: 'brand' })
    order.forEach((id, i) => b.at(s(i + 1), 'b1').concept(id).done())
    b.at(s(9), 'b1').link('a', 'K', 'M').link('b', 'K', 'M').link('c', 'N', 'N').link('d', 'N', 'M').done()
    return computeProfile(b.input(s(9))).structure
  }

  it('degree: a self-loop counts 2 (N created first ties with M and wins)', () => {
    // with a self-loop counting 1, N would have degree 2 and M would be the root (score 9)
    expect(loops(['N', 'M', 'K'])).toEqual({ NP: 4, HH: 2, NCL: 0, score: 14, integrativeCrossLinks: null })
  })

  it('degree: parallel links each count (M created first ties with N and wins)', () => {
    // with parallel links counted once, M would have degree 2 and N would be the root (score 14)
    expect(loops(['M', 'N', 'K'])).toEqual({ NP: 4, HH: 1, NCL: 0, score: 9, integrativeCrossLinks: null })
  })

  it('P empty: HH = NCL = score = 0, integrativeCrossLinks null', () => {
    const map: BoardMap = { title: '', focusQuestion: '', concepts: [{ id: 'A', label: 'A', x: 0, y: 0 }], links: [] }
    expect(structure(propositions(map), { compareCreation: compareIds, creatorOf: () => null })).toEqual({
      NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null
    })
  })

  it('a root with only a self-loop: HH 0, no branches', () => {
    const map: BoardMap = {
      title: '',
      focusQuestion: '',
      concepts: [{ id: 'A', label: 'A', x: 0, y: 0 }],
      links: [{ id: 'l', from: 'A', to: 'A', label: '' }]
    }
    expect(structure(propositions(map), { compareCreation: compareIds, creatorOf: () => null })).toEqual({
      NP: 1, HH: 0, NCL: 0, score: 1, integrativeCrossLinks: null
    })
  })

  it('cross-links whose endpoint creators lack a group count in NCL but not as integrative', () => {
    // Degrees R 3, B 3 (R, A, C), A 2, C 2 → R and B tie; R was created first → root R.
    // A–B joins branches A and B; A is imported (no creator group).
    // B–C joins B and C: B by u1, C by b1 → integrative. NCL 2, integrative 1/2.
    // NP 5, HH 1 → 5 + 5 + 20 = 30
    const b = new BoardScript({ b1: 'brand', u1: 'customer' }, { concepts: ['A'] })
    b.at(s(1), 'b1').concept('R').done()
    b.at(s(2), 'u1').concept('B').done()
    b.at(s(3), 'b1').concept('C').done()
    b.at(s(4), 'b1').link('r1', 'R', 'A').link('r2', 'R', 'B').link('r3', 'R', 'C').link('x1', 'A', 'B').link('x2', 'B', 'C').done()
    expect(computeProfile(b.input(s(4))).structure).toEqual({ NP: 5, HH: 1, NCL: 2, score: 30, integrativeCrossLinks: 0.5 })
  })
})
