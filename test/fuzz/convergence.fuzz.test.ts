import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addConcept, addLink, mapOf, stockClient, waitFor, type StockClient } from '../support/clients'
import { int, pick, prng } from '../support/prng'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Random peers editing concepts and links through the real server, going offline and coming back
 * at random; at the end every replica must equal the server's state. A failing seed is pinned
 * below as a named regression test and reproduced with FUZZ_SEEDS=<seed>.
 */
const STEPS = Number(process.env.FUZZ_STEPS ?? 250)
const SEEDS = process.env.FUZZ_SEEDS
  ? process.env.FUZZ_SEEDS.split(',').map(Number)
  : [1, 2, 3]

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close(true)
})

async function runScenario(seed: number): Promise<void> {
  const random = prng(seed)
  const { id } = await server.createBoard(`fuzz ${seed}`)
  const peers: StockClient[] = []
  const peerCount = int(random, 2, 5)
  for (let i = 0; i < peerCount; i++) {
    peers.push(stockClient(server.wsUrl, id, (await server.invite(id, i % 2 ? 'customer' : 'brand')).token))
  }
  try {
    await waitFor(() => peers.every((p) => p.provider.synced), 5000, 'initial sync')
    let next = 0
    for (let step = 0; step < STEPS; step++) {
      const peer = pick(random, peers)
      const { doc } = peer
      const concepts = doc.getMap<Y.Map<unknown>>('concepts')
      const links = doc.getMap<Y.Map<unknown>>('links')
      const conceptIds = [...concepts.keys()].sort()
      const linkIds = [...links.keys()].sort()
      const roll = random()
      if (roll < 0.25 || conceptIds.length < 2) {
        addConcept(doc, `c${seed}-${next++}`, `concept ${step}`, int(random, 0, 800), int(random, 0, 600))
      } else if (roll < 0.4) {
        concepts.get(pick(random, conceptIds))?.set('label', `relabel ${step}`)
      } else if (roll < 0.55) {
        const c = concepts.get(pick(random, conceptIds))
        doc.transact(() => {
          c?.set('x', int(random, 0, 800))
          c?.set('y', int(random, 0, 600))
        })
      } else if (roll < 0.65) {
        const victim = pick(random, conceptIds)
        doc.transact(() => {
          concepts.delete(victim)
          for (const [lid, l] of links) if (l.get('from') === victim || l.get('to') === victim) links.delete(lid)
        })
      } else if (roll < 0.8) {
        addLink(doc, `l${seed}-${next++}`, pick(random, conceptIds), pick(random, conceptIds), `phrase ${step}`)
      } else if (roll < 0.87 && linkIds.length > 0) {
        links.get(pick(random, linkIds))?.set('label', `rephrase ${step}`)
      } else if (roll < 0.94) {
        if (peer.provider.wsconnected) peer.provider.disconnect()
        else peer.provider.connect()
      } else {
        // Let the network and the server breathe, so some edits interleave and some batch up.
        await new Promise((r) => setTimeout(r, int(random, 0, 30)))
      }
      if (random() < 0.2) await new Promise((r) => setImmediate(r))
    }
    for (const p of peers) if (!p.provider.wsconnected && !p.provider.wsconnecting) p.provider.connect()
    const reference = stockClient(server.wsUrl, id, (await server.invite(id, 'viewer')).token)
    peers.push(reference)
    await waitFor(
      () => peers.every((p) => p.provider.synced) && peers.every((p) => mapOf(p.doc) === mapOf(reference.doc)),
      15_000,
      `convergence of seed ${seed}`
    )
    const expected = mapOf(reference.doc)
    for (const p of peers) expect(mapOf(p.doc)).toBe(expected)
    // The replicas agree with each other and with what the server holds, CRDT state included.
    for (const p of peers) expect(Y.encodeStateVector(p.doc)).toEqual(Y.encodeStateVector(reference.doc))
  } finally {
    for (const p of peers) p.destroy()
  }
}

describe('seeded convergence fuzz through the real server', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${STEPS} random steps converge`, () => runScenario(seed), 60_000)
  }
})
