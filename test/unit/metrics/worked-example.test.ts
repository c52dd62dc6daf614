import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { attributeEvents } from '../../../shared/events/element-event'
import type { BoardEvent } from '../../../shared/events/element-event'
import { deriveElementEvents } from '../../../shared/events/derive-element-events'
import { computeProfile } from '../../../shared/metrics/profile'
import type { MetricsProfile } from '../../../shared/metrics/types'
import type { Role } from '../../../shared/roles'
import type { BoardMap } from '../../../shared/schema/board-map'
import { readBoardMap } from '../../../shared/schema/board-doc'
import { BoardScript, s } from './board-script'

const roles: Record<string, Role> = { b1: 'brand', b2: 'brand', u1: 'customer' }

/** The table of metrics.md "Worked example"; times in seconds. */
function workedExample(): BoardScript {
  const b = new BoardScript(roles)
  b.at(s(1), 'b1').concept('A', 'Delivery').done()
  b.at(s(2), 'u1').concept('B', 'Trust').done()
  b.at(s(3), 'u1').link('L1', 'A', 'B', 'builds').done()
  b.at(s(4), 'b1').relabel('B', 'Customer trust').done()
  b.at(s(5), 'b2').concept('C', 'Price').done()
  b.at(s(6), 'b2').link('L2', 'A', 'C', 'affects').done()
  b.at(s(7), 'u1').move('C').done()
  return b
}

const noPulse = { brand: null, customer: null, overall: null, count: { brand: 0, customer: 0 } }

/** Every number of the worked example. */
function expectWorkedExample(p: MetricsProfile): void {
  // n_B = 4 (b1: create A, relabel B; b2: create C, create L2), n_U = 2 → 1 − 2/6
  expect(p.balance).toBeCloseTo(1 - 2 / 6, 12)
  expect(p.balance).toBeCloseTo(0.6667, 4)
  // x = (2, 2, 2) → Gini 0
  expect(p.equity).toBe(1)
  // F(L1) = {B,U}, F(L2) = {B} → 1/2
  expect(p.commonGround).toBe(0.5)
  expect(p.commonGroundCount).toBe(1)
  // L1: b1/u1 external, L2: b1/b2 internal → (1 − 1)/2
  expect(p.bridging).toBe(0)
  // customer: L1 create (A last by b1) is uptake, of 2; brand: relabel B (last by u1), of 4
  expect(p.uptake).toEqual({ brand: 1 / 4, customer: 1 / 2 })
  expect(p.reciprocity).toBe(1)
  // degrees A2 B1 C1 → root A, HH 1, branches {B}, {C}; 2 + 5·1 + 0
  expect(p.structure).toEqual({ NP: 2, HH: 1, NCL: 0, score: 7, integrativeCrossLinks: null })
  // B by u1 of A, B, C
  expect(p.novelty).toBeCloseTo(1 / 3, 12)
  // t0 = 1 s, t1 = 6 s; cut 3t ≤ 8000 ms → events at 1, 2 s: no propositions → null.
  // take-ups: A by L1 at 3 s (2 s), B by the relabel at 4 s (2 s) → median 2
  expect(p.convergence).toEqual({ delta: null, uptakeLatencyMedianSeconds: 2 })
  expect(p.pulse).toEqual({ understood: noPulse, learned: noPulse, represents: noPulse })
}

describe('metrics.md worked example', () => {
  it('gives every number of the worked example', () => {
    const b = workedExample()
    expectWorkedExample(computeProfile(b.input(s(7))))
  })

  it('gives the same numbers at any T after the last event, and with events unsorted', () => {
    const b = workedExample()
    const input = b.input(s(60))
    expectWorkedExample(computeProfile({ ...input, events: [...input.events].reverse() }))
  })

  it('gives the same numbers from a journal without link endpoints (looked up in the map at the event)', () => {
    const b = workedExample()
    const input = b.input(s(7))
    const events = input.events.map(({ from: _from, to: _to, ...rest }) => rest)
    expect(events.some((e) => 'from' in e)).toBe(false)
    expectWorkedExample(computeProfile({ ...input, events }))
  })

  it('gives the same numbers from real Yjs updates through deriveElementEvents', () => {
    // Each participant edits its own Y.Doc; the "server" doc applies each update, derives the
    // events in afterTransaction and keeps a map snapshot per accepted update.
    const server = new Y.Doc()
    const journal: BoardEvent[] = []
    const snapshots: Array<{ at: number; map: BoardMap }> = []
    let pending: { seq: number; at: number; participantId: string; role: Role } | null = null
    server.on('afterTransaction', (tr: Y.Transaction) => {
      if (pending !== null) journal.push(...attributeEvents(deriveElementEvents(tr), pending))
    })
    const clients = new Map<string, Y.Doc>()
    let seq = 0
    const act = (t: number, who: string, f: (doc: Y.Doc) => void) => {
      let doc = clients.get(who)
      if (doc === undefined) {
        doc = new Y.Doc()
        clients.set(who, doc)
      }
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)))
      const updates: Uint8Array[] = []
      const onUpdate = (u: Uint8Array) => updates.push(u)
      doc.on('update', onUpdate)
      doc.transact(() => f(doc as Y.Doc))
      doc.off('update', onUpdate)
      pending = { seq: ++seq, at: s(t), participantId: who, role: roles[who] as Role }
      Y.applyUpdate(server, Y.mergeUpdates(updates))
      pending = null
      snapshots.push({ at: s(t), map: readBoardMap(server) })
    }
    const concepts = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('concepts')
    const links = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('links')
    const ymap = (o: Record<string, unknown>) => {
      const m = new Y.Map<unknown>()
      for (const [k, v] of Object.entries(o)) m.set(k, v)
      return m
    }
    act(1, 'b1', (d) => concepts(d).set('A', ymap({ label: 'Delivery', x: 0, y: 0 })))
    act(2, 'u1', (d) => concepts(d).set('B', ymap({ label: 'Trust', x: 100, y: 0 })))
    act(3, 'u1', (d) => links(d).set('L1', ymap({ from: 'A', to: 'B', label: 'builds' })))
    act(4, 'b1', (d) => concepts(d).get('B')?.set('label', 'Customer trust'))
    act(5, 'b2', (d) => concepts(d).set('C', ymap({ label: 'Price', x: 0, y: 100 })))
    act(6, 'b2', (d) => links(d).set('L2', ymap({ from: 'A', to: 'C', label: 'affects' })))
    act(7, 'u1', (d) => {
      concepts(d).get('C')?.set('x', 50)
      concepts(d).get('C')?.set('y', 150)
    })

    expect(journal.map((e) => `${e.seq} ${e.participantId} ${e.kind} ${e.elementId}`)).toEqual([
      '1 b1 create A',
      '2 u1 create B',
      '3 u1 create L1',
      '4 b1 relabel B',
      '5 b2 create C',
      '6 b2 create L2',
      '7 u1 move C'
    ])
    const empty: BoardMap = { title: '', focusQuestion: '', concepts: [], links: [] }
    const mapAt = (t: number) => snapshots.filter((x) => x.at <= t).at(-1)?.map ?? empty
    const participants = Object.entries(roles).map(([id, role]) => ({ id, role, firstConnectedAt: 0 }))
    expectWorkedExample(computeProfile({ at: s(7), events: journal, participants, mapAt }))
  })
})
