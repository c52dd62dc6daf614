import { describe, expect, it } from 'vitest'
import { computeProfile, RunningProfile, scoredEvents, streamMetrics, type StreamState } from '../../../shared/metrics'
import type { Role } from '../../../shared/roles'
import { BoardScript, s } from './board-script'

const roles: Record<string, Role> = { b1: 'brand', b2: 'brand', u1: 'customer', f1: 'facilitator' }

/** metrics.md "Worked example (extension)": c1 by b1 (origin s1), c2 by u1, c3 by u1 (origin s2), c4 by b2; links c1→c2, c2→c3, c2→c4. */
function extensionBoard(): BoardScript {
  const b = new BoardScript(roles)
  b.at(s(1), 'b1').concept('c1').done()
  b.at(s(2), 'u1').concept('c2').done()
  b.at(s(3), 'u1').concept('c3').done()
  b.at(s(4), 'b2').concept('c4').done()
  b.at(s(5), 'u1').link('l1', 'c1', 'c2').link('l2', 'c2', 'c3').done()
  b.at(s(6), 'b2').link('l3', 'c2', 'c4').done()
  return b
}

const workedStream: StreamState = {
  items: new Set(['s1', 's2', 's3']),
  origins: new Map([
    ['c1', 's1'],
    ['c3', 's2']
  ])
}

describe('stream (metrics.md 11)', () => {
  it('the worked example of the extension', () => {
    const b = extensionBoard()
    const p = computeProfile(b.input(s(10), { stream: workedStream })).stream
    // harvest = 2/4; beyond = 1/3 (only c2→c4); coverage = 2/3; by group: B 1/2 (c1 of c1, c4), U 1/2 (c3 of c2, c3)
    expect(p).toEqual({ harvest: 0.5, beyond: 1 / 3, coverage: 2 / 3, harvestByGroup: { B: 0.5, U: 0.5 } })

    // The running profile (what GET …/metrics answers from) agrees.
    const running = new RunningProfile()
    for (const e of scoredEvents(b.events, Infinity, b.mapAt)) running.add(e)
    const input = b.input(s(10))
    expect(running.profile(s(10), input.participants, [], b.mapAt, [], workedStream).stream).toEqual(p)
  })

  it('an origin naming no item of S, an empty origin, and a concept whose creator is no group', () => {
    const b = extensionBoard()
    b.at(s(7), 'f1').concept('c5').done()
    const state: StreamState = {
      items: new Set(['s1', 's2', 's3']),
      origins: new Map([
        ['c1', 's1'],
        ['c2', 'gone'],
        ['c3', ''],
        ['c5', 's3']
      ])
    }
    const p = computeProfile(b.input(s(10), { stream: state })).stream
    // From the stream: c1 and c5 (a facilitator's: in K, in no group). K = 5.
    expect(p.harvest).toBe(2 / 5)
    // P: c1→c2 touches c1; c2→c3 and c2→c4 do not.
    expect(p.beyond).toBe(2 / 3)
    expect(p.coverage).toBe(2 / 3)
    expect(p.harvestByGroup).toEqual({ B: 1 / 2, U: 0 })
  })

  it('null where a denominator is 0, and null throughout when the document was not read', () => {
    const empty = new BoardScript(roles)
    const none: StreamState = { items: new Set(), origins: new Map() }
    expect(computeProfile(empty.input(s(1), { stream: none })).stream).toEqual({ harvest: null, beyond: null, coverage: null, harvestByGroup: { B: null, U: null } })
    const only = new BoardScript(roles)
    only.at(s(1), 'b1').concept('c1').done()
    expect(computeProfile(only.input(s(2), { stream: { items: new Set(['s1']), origins: new Map() } })).stream).toEqual({
      harvest: 0,
      beyond: null,
      coverage: 0,
      harvestByGroup: { B: 0, U: null }
    })
    expect(streamMetrics({ concepts: [{ id: 'c1' }], links: [] }, [], undefined, () => 'B')).toEqual({
      harvest: null,
      beyond: null,
      coverage: null,
      harvestByGroup: { B: null, U: null }
    })
  })
})
