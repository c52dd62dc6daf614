import { describe, expect, it } from 'vitest'
import { bridgingOf } from '../../../shared/metrics/bridging'
import { commonGround } from '../../../shared/metrics/common-ground'
import { creationOrder } from '../../../shared/metrics/creation-order'
import { creatorGroup, type ElementHistory, type ElementState } from '../../../shared/metrics/element-history'
import { commonGroundOf, mapFigures } from '../../../shared/metrics/map-figures'
import { novelty } from '../../../shared/metrics/novelty'
import { streamMetrics, type StreamState } from '../../../shared/metrics/stream'
import { structure } from '../../../shared/metrics/structure'
import type { MetricsLink, MetricsMap } from '../../../shared/metrics/types'
import { propositions } from '../../../shared/schema/board-map'
import { int, pick, prng } from '../../support/prng'

const GROUPS = ['B', 'U', null] as const

function state(random: () => number, seqs: number): ElementState {
  const creatorGroup = pick(random, GROUPS)
  // Few distinct seqs, so that "earliest created" often falls back to the id.
  const createSeq = creatorGroup === null || random() < 0.1 ? null : int(random, 1, seqs)
  return {
    creatorId: creatorGroup === null ? null : 'p',
    creatorGroup,
    createSeq,
    createAt: createSeq,
    footprint: int(random, 0, 3),
    lastId: null,
    lastGroup: null
  }
}

/** A random map (dangling links, self-loops, parallel links, isolated concepts) and a history over it and beyond. */
function world(seed: number): { map: MetricsMap; history: ElementHistory; streams: Array<StreamState | undefined> } {
  const random = prng(seed)
  const n = int(random, 0, 40)
  const ids = Array.from({ length: n + 5 }, (_, i) => `c${i}`)
  const concepts = ids.slice(0, n).filter(() => random() < 0.9).map((id) => ({ id }))
  const links: MetricsLink[] = []
  const m = int(random, 0, 80)
  for (let i = 0; i < m; i++) {
    const from = ids.length > 0 ? pick(random, ids) : 'ghost'
    links.push({ id: `l${i}`, from, to: random() < 0.05 ? from : pick(random, ids) })
  }
  const history: ElementHistory = { concept: new Map(), link: new Map() }
  const seqs = int(random, 1, 8)
  for (const id of ids) if (random() < 0.8) history.concept.set(id, state(random, seqs))
  for (const l of links) if (random() < 0.8) history.link.set(l.id, state(random, seqs))
  const items = new Set(['s1', 's2', 's3'].filter(() => random() < 0.7))
  const origins = new Map<string, string>()
  for (const { id } of concepts) if (random() < 0.4) origins.set(id, pick(random, ['s1', 's2', 's9', '']))
  return { map: { concepts, links }, history, streams: [undefined, { items: new Set(), origins }, { items, origins }] }
}

describe('mapFigures', () => {
  it('equals commonGround, bridgingOf, structure, novelty and streamMetrics on 500 seeded maps and histories', () => {
    let nonEmpty = 0
    for (let seed = 1; seed <= 500; seed++) {
      const { map, history, streams } = world(seed)
      const P = propositions(map)
      if (P.length > 0) nonEmpty++
      const creatorOf = (id: string) => creatorGroup(history.concept, id)
      for (const stream of streams) {
        const expected = {
          commonGround: commonGround(P, history),
          bridging: bridgingOf(P, creatorOf),
          structure: structure(P, { compareCreation: creationOrder(history.concept), creatorOf }),
          novelty: novelty(map, creatorOf),
          stream: streamMetrics(map, P, stream, creatorOf)
        }
        expect(mapFigures(map, P, history, stream), `seed ${seed}`).toEqual(expected)
      }
      expect(commonGroundOf(P, history)).toEqual(commonGround(P, history))
    }
    expect(nonEmpty).toBeGreaterThan(400)
  })

  it('gives the figures of the history it is given, though the graph of P is kept between calls', () => {
    const { map, history } = world(42)
    const P = propositions(map)
    const before = mapFigures(map, P, history, undefined)
    const later: ElementHistory = { concept: new Map(), link: new Map() }
    for (const [id, s] of history.concept) later.concept.set(id, { ...s, creatorGroup: 'U', footprint: 3 })
    for (const [id, s] of history.link) later.link.set(id, { ...s, footprint: 3 })
    const creatorOf = (id: string) => creatorGroup(later.concept, id)
    expect(mapFigures(map, P, later, undefined).commonGround).toEqual(commonGround(P, later))
    expect(mapFigures(map, P, later, undefined).bridging).toEqual(bridgingOf(P, creatorOf))
    expect(mapFigures(map, P, history, undefined)).toEqual(before)
  })
})
