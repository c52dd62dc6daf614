import { describe, expect, it } from 'vitest'
import { consensusMap } from '../../../server/compare/consensus-map'
import { normalizeLabel, recurringPropositions, type ComparedBoard } from '../../../shared/compare/recurring-propositions'
import type { Group } from '../../../shared/roles'

/** A board from `from -phrase-> to` triples, each link created at `at` by `side`. */
function board(id: string, triples: Array<[string, string, string, number, Group | null]>): ComparedBoard {
  const concepts = new Map<string, { id: string; label: string; x: number; y: number }>()
  const conceptId = (label: string) => {
    let c = concepts.get(label)
    if (!c) concepts.set(label, (c = { id: `${id}-c${concepts.size + 1}`, label, x: 0, y: 0 }))
    return c.id
  }
  const links = triples.map(([from, label, to], i) => ({ id: `${id}-l${i + 1}`, from: conceptId(from), to: conceptId(to), label }))
  const linkOrigins = new Map(triples.map(([, , , at, side], i) => [`${id}-l${i + 1}`, { at, side }]))
  return { id, title: id, map: { title: id, focusQuestion: 'q', concepts: [...concepts.values()], links }, linkOrigins }
}

// Three workshops with known overlaps:
// "price affects loyalty" on all three (first by U on B2 at t=5), "delivery builds trust" on A and C
// (first by B on A at t=1), "support reduces churn" on A only, "app causes frustration" on C only.
const A = board('A', [
  ['Delivery', 'builds', 'Trust', 1, 'B'],
  ['Price', 'affects', 'Loyalty', 10, 'B'],
  ['Support', 'reduces', 'Churn', 12, 'U']
])
const B2 = board('B2', [['  price ', 'AFFECTS', 'loyalty', 5, 'U']])
const C = board('C', [
  ['Price', 'affects   ', 'Loyalty', 7, 'B'],
  ['delivery', 'builds', 'trust', 3, 'U'],
  ['App', 'causes', 'Frustration', 2, null],
  // The same proposition twice on one board counts once, at its earliest link.
  ['Price', 'affects', 'loyalty', 4, 'B']
])

describe('recurring propositions', () => {
  it('normalises labels: trimmed, case-folded, spaces collapsed', () => {
    expect(normalizeLabel('  Fair\t\nPRICE  ')).toBe('fair price')
  })

  it('counts boards per proposition and says which side wrote it first', () => {
    const rows = recurringPropositions([A, B2, C])
    expect(rows.map((r) => [r.key, r.boards, r.firstSide])).toEqual([
      ['price|affects|loyalty', 3, 'B'],
      ['delivery|builds|trust', 2, 'B'],
      ['app|causes|frustration', 1, null],
      ['support|reduces|churn', 1, 'U']
    ])
    const price = rows[0]!
    // C wrote it at t=4 (its second link), before B2 at 5 and A at 10: first side B, labels as C wrote them.
    expect(price.on).toEqual([
      { board: 'C', at: 4, side: 'B' },
      { board: 'B2', at: 5, side: 'U' },
      { board: 'A', at: 10, side: 'B' }
    ])
    expect([price.from, price.label, price.to]).toEqual(['Price', 'affects', 'loyalty'])
    expect(rows[1]!.on.map((o) => o.board)).toEqual(['A', 'C'])
  })

  it('leaves out links whose concepts are gone', () => {
    const broken: ComparedBoard = { ...A, map: { ...A.map, concepts: A.map.concepts.filter((c) => c.label !== 'Churn') } }
    expect(recurringPropositions([broken]).map((r) => r.key)).not.toContain('support|reduces|churn')
  })

  it('makes a consensus map of the propositions in at least k boards, one concept per label', () => {
    const rows = recurringPropositions([A, B2, C])
    const two = consensusMap(rows, 2, { title: 'Consensus', focusQuestion: 'q' })
    expect(two.concepts.map((c) => c.label)).toEqual(['Price', 'loyalty', 'Delivery', 'Trust'])
    expect(two.links.map((l) => [l.from, l.label, l.to])).toEqual([
      ['c1', 'affects', 'c2'],
      ['c3', 'builds', 'c4']
    ])
    // Laid out: no two concepts at the same spot.
    expect(new Set(two.concepts.map((c) => `${c.x},${c.y}`)).size).toBe(4)
    expect(consensusMap(rows, 3, { title: 'C', focusQuestion: '' }).links).toHaveLength(1)
    expect(consensusMap(rows, 4, { title: 'C', focusQuestion: '' })).toEqual({ title: 'C', focusQuestion: '', concepts: [], links: [] })
  })
})
