import { describe, expect, it } from 'vitest'
import {
  advance,
  creatorsAt,
  describeEvents,
  lastIndexAt,
  stepMoment,
  uptakeEvents,
  type ReplayEvent
} from '../../../client/replay/replay-model'

const people = {
  b1: { id: 'b1', name: 'Bea', role: 'brand' as const },
  b2: { id: 'b2', name: 'Ben', role: 'brand' as const },
  u1: { id: 'u1', name: 'Uma', role: 'customer' as const },
  f: { id: 'f', name: 'Fay', role: 'facilitator' as const }
}

let seq = 0
const ev = (at: number, who: keyof typeof people, kind: ReplayEvent['kind'], type: 'concept' | 'link', id: string, extra = {}): ReplayEvent => ({
  seq: ++seq,
  update: seq,
  at,
  participant: people[who],
  kind,
  element: { type, id, ...extra }
})

/** metrics.md's worked example (times in seconds). */
const worked = (): ReplayEvent[] => {
  seq = 0
  return [
    ev(1000, 'b1', 'create', 'concept', 'A', { label: 'Delivery' }),
    ev(2000, 'u1', 'create', 'concept', 'B', { label: 'Trust' }),
    ev(3000, 'u1', 'create', 'link', 'L1', { from: 'A', to: 'B', label: 'builds' }),
    ev(4000, 'b1', 'relabel', 'concept', 'B', { label: 'Customer trust' }),
    ev(5000, 'b2', 'create', 'concept', 'C', { label: 'Price' }),
    ev(6000, 'b2', 'create', 'link', 'L2', { from: 'A', to: 'C', label: 'affects' }),
    ev(7000, 'u1', 'move', 'concept', 'C')
  ]
}

describe('replay model', () => {
  it('finds uptake as metrics.md does on its worked example', () => {
    const events = worked()
    expect([...uptakeEvents(events)]).toEqual([3, 4])
    // Facilitators never take up, nor are taken up from.
    seq = 0
    const withFacilitator = [ev(1, 'f', 'create', 'concept', 'A'), ev(2, 'u1', 'relabel', 'concept', 'A')]
    expect(uptakeEvents(withFacilitator).size).toBe(0)
  })

  it('steps, scrubs and plays over events in time order', () => {
    const events = worked()
    expect(lastIndexAt(events, 999)).toBe(-1)
    expect(lastIndexAt(events, 3500)).toBe(2)
    expect(stepMoment(events, 3500, 1, 0)).toBe(4000)
    expect(stepMoment(events, 3500, -1, 0)).toBe(2000)
    expect(stepMoment(events, 1000, -1, 500)).toBe(500)
    expect(stepMoment(events, 7000, 1, 0)).toBe(7000)
    expect(advance(1000, 100, 64, 10_000)).toBe(7400)
    expect(advance(9000, 100, 64, 10_000)).toBe(10_000)
  })

  it('knows who created what at a moment, and says what happened in words', () => {
    const events = worked()
    const creators = creatorsAt(events, 3000)
    expect([...creators].map(([k, p]) => [k, p.id])).toEqual([
      ['concept:A', 'b1'],
      ['concept:B', 'u1'],
      ['link:L1', 'u1']
    ])
    const lines = describeEvents([
      ...events,
      ev(8000, 'u1', 'reconnect', 'link', 'L2', { from: 'B', to: 'C' }),
      ev(9000, 'b1', 'delete', 'link', 'L1'),
      ev(9500, 'b1', 'delete', 'concept', 'B')
    ])
    expect(lines).toEqual([
      'Bea (brand) created concept “Delivery”',
      'Uma (customer) created concept “Trust”',
      'Uma (customer) created link “builds” from “Delivery” to “Trust”',
      'Bea (brand) renamed concept “Trust” to “Customer trust”',
      'Ben (brand) created concept “Price”',
      'Ben (brand) created link “affects” from “Delivery” to “Price”',
      'Uma (customer) moved concept “Price”',
      'Uma (customer) reconnected link “affects”: now from “Customer trust” to “Price”',
      // What was deleted, by name, and what the deleted link joined.
      'Bea (brand) deleted link “builds” from “Delivery” to “Customer trust”',
      'Bea (brand) deleted concept “Customer trust”'
    ])
    // A session that starts mid-board names what was there before from the map at its start.
    seq = 0
    const later = [ev(1, 'u1', 'delete', 'link', 'L9'), ev(2, 'u1', 'delete', 'concept', 'X')]
    const known = { concepts: [{ id: 'X', label: 'Speed' }, { id: 'Y', label: 'Care' }], links: [{ id: 'L9', from: 'X', to: 'Y', label: 'needs' }] }
    expect(describeEvents(later, known)).toEqual(['Uma (customer) deleted link “needs” from “Speed” to “Care”', 'Uma (customer) deleted concept “Speed”'])
    expect(describeEvents(later)).toEqual(['Uma (customer) deleted a link from a concept to a concept', 'Uma (customer) deleted a concept'])
  })
})

describe('map decorations', () => {
  it('colours elements by their creator, fades what the highlighted side did not touch, and marks uptake', async () => {
    const { mapDecorations } = await import('../../../client/replay/map-decorations')
    const events = worked()
    const map = {
      at: 6000,
      title: '',
      focusQuestion: '',
      concepts: ['A', 'B', 'C'].map((id) => ({ id, label: id, x: 0, y: 0 })),
      links: [
        { id: 'L1', from: 'A', to: 'B', label: 'builds' },
        { id: 'L2', from: 'A', to: 'C', label: 'affects' }
      ]
    }
    const d = mapDecorations({ events, t: 6000, map, colourBy: 'group', personIndex: new Map(), highlight: 'U', uptakeSeqs: uptakeEvents(events) })
    expect(d.fills.get('concept:A')).toBe('#bfdbfe')
    expect(d.fills.get('concept:B')).toBe('#fed7aa')
    expect(d.fills.get('link:L1')).toBe('#c2410c')
    // The customer touched B and L1 only.
    expect([...d.dimmed!].sort()).toEqual(['concept:A', 'concept:C', 'link:L2'])
    expect([...d.uptake].sort()).toEqual(['concept:B', 'link:L1'])
  })
})
