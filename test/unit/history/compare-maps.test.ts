import { describe, expect, it } from 'vitest'
import { compareMaps } from '../../../server/snapshots/compare-maps'

const c = (id: string, label: string) => ({ id, label, x: 0, y: 0 })
const l = (id: string, from: string, to: string, label: string) => ({ id, from, to, label })

describe('compareMaps', () => {
  it('reports concepts and propositions added, removed, relabelled and reconnected', () => {
    const a = {
      title: 't',
      focusQuestion: 'q',
      concepts: [c('a', 'Delivery'), c('b', 'Trust'), c('c', 'Price')],
      links: [l('l1', 'a', 'b', 'builds'), l('l2', 'a', 'c', 'raises'), l('l3', 'c', 'b', 'erodes'), l('dangling', 'a', 'zz', 'x')]
    }
    const b = {
      title: 't',
      focusQuestion: 'q',
      concepts: [c('a', 'Delivery'), c('b', 'Customer trust'), c('d', 'Speed')],
      links: [l('l1', 'a', 'b', 'earns'), l('l4', 'd', 'b', 'builds'), l('l3', 'a', 'b', 'erodes')]
    }
    const r = compareMaps(a, b)
    expect(r.concepts.added).toEqual([c('d', 'Speed')])
    expect(r.concepts.removed).toEqual([c('c', 'Price')])
    expect(r.concepts.relabelled).toEqual([{ id: 'b', before: 'Trust', after: 'Customer trust' }])
    expect(r.propositions.added.map((p) => p.sentence)).toEqual(['Speed builds Customer trust'])
    expect(r.propositions.removed.map((p) => p.sentence)).toEqual(['Delivery raises Price'])
    expect(r.propositions.relabelled.map((p) => [p.before.sentence, p.after.sentence])).toEqual([
      ['Delivery builds Trust', 'Delivery earns Customer trust']
    ])
    expect(r.propositions.reconnected.map((p) => [p.before.sentence, p.after.sentence])).toEqual([
      ['Price erodes Trust', 'Delivery erodes Customer trust']
    ])
    expect(compareMaps(a, a)).toEqual({
      concepts: { added: [], removed: [], relabelled: [] },
      propositions: { added: [], removed: [], relabelled: [], reconnected: [] }
    })
  })
})
