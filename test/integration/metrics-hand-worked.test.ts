import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'
import type { MetricsProfile as Metrics, PermutationResult } from '../../shared/metrics'

/**
 * A small workshop scripted step by step through the real server with stock clients, and the
 * metrics API checked against values worked out by hand from metrics.md. Every metric that
 * depends on order only is a constant below; the two that depend on arrival times (the convergence
 * cut and the take-up latencies) are worked from the times the server stamped, read back from
 * the history API, by the formula written next to them.
 */

let server: TestServer | undefined
const clients: StockClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close(true)
  server = undefined
})

const json = async <T>(res: Response | Promise<Response>): Promise<T> => {
  const r = await res
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

type Who = 'b1' | 'b2' | 'u1' | 'f'
/** The script: one update per step, each waited for until every client has it. */
const STEPS: Array<{ who: Who; kind: string; id: string; run: (d: Y.Doc) => void }> = [
  /* 1 */ { who: 'b1', kind: 'create', id: 'A', run: (d) => addConcept(d, 'A', 'Delivery') },
  /* 2 */ { who: 'u1', kind: 'create', id: 'B', run: (d) => addConcept(d, 'B', 'Trust', 200, 0) },
  /* 3 */ { who: 'u1', kind: 'create', id: 'L1', run: (d) => addLink(d, 'L1', 'A', 'B', 'builds') },
  /* 4 */ { who: 'b1', kind: 'relabel', id: 'B', run: (d) => concept(d, 'B').set('label', 'Customer trust') },
  /* 5 */ { who: 'b2', kind: 'create', id: 'C', run: (d) => addConcept(d, 'C', 'Price', 0, 200) },
  /* 6 */ { who: 'b2', kind: 'create', id: 'L2', run: (d) => addLink(d, 'L2', 'A', 'C', 'affects') },
  /* 7 */ { who: 'u1', kind: 'move', id: 'C', run: (d) => d.transact(() => (concept(d, 'C').set('x', 40), concept(d, 'C').set('y', 240))) },
  /* 8 */ { who: 'u1', kind: 'create', id: 'D', run: (d) => addConcept(d, 'D', 'Support', 200, 200) },
  /* 9 */ { who: 'b1', kind: 'create', id: 'L3', run: (d) => addLink(d, 'L3', 'C', 'D', 'needs') },
  /* 10 */ { who: 'f', kind: 'relabel', id: 'A', run: (d) => concept(d, 'A').set('label', 'Fast delivery') },
  /* 11 */ { who: 'u1', kind: 'relabel', id: 'L2', run: (d) => d.getMap<Y.Map<unknown>>('links').get('L2')!.set('label', 'raises') },
  /* 12 */ { who: 'b2', kind: 'create', id: 'E', run: (d) => addConcept(d, 'E', 'Ads', -200, 200) },
  /* 13 */ { who: 'b2', kind: 'create', id: 'L5', run: (d) => addLink(d, 'L5', 'C', 'E', 'pays for') },
  /* 14 */ { who: 'u1', kind: 'create', id: 'L4', run: (d) => addLink(d, 'L4', 'B', 'D', 'grows with') },
  /* 15 */ { who: 'b2', kind: 'create', id: 'G', run: (d) => addConcept(d, 'G', 'Jargon', 400, 0) },
  /* 16 */ { who: 'u1', kind: 'delete', id: 'G', run: (d) => d.getMap('concepts').delete('G') }
]
const concept = (d: Y.Doc, id: string) => d.getMap<Y.Map<unknown>>('concepts').get(id)!

/**
 * Common ground after each step (index = step number; a prefix of the script), worked by hand:
 * F(p) = groups of the B/U authors of content events on p and on its two endpoint concepts.
 *  1–2: no links, |P| = 0 → null.
 *  3–5: P = {L1}; F(L1) = {U (L1 by u1, B by u1), B (A by b1)} → 1/1.
 *  6–8: + L2 (L2, A, C all by brand; the move of C by u1 is no content event) → 1/2.
 *  9–10: + L3 (L3 b1, C b2, D u1) both → 2/3; the facilitator's relabel of A counts for nobody.
 *  11–12: u1 relabels L2 → F(L2) = {B, U} → 3/3.
 *  13: + L5 (L5, C, E all by b2) → 3/4.
 *  14–16: + L4 (L4 u1, B u1 and b1) both → 4/5; G has no links, so deleting it changes nothing.
 */
const CG_AFTER_STEP = [null, null, null, 1, 1, 1, 1 / 2, 1 / 2, 1 / 2, 2 / 3, 2 / 3, 1, 1, 3 / 4, 4 / 5, 4 / 5, 4 / 5]


describe('GET /api/boards/:id/metrics on a scripted workshop', () => {
  it('equals the values worked by hand from metrics.md', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard('Hand-worked', 'What builds trust?')
    const invites = {
      f: await s.invite(id, 'facilitator', 'Fay'),
      b1: await s.invite(id, 'brand', 'Bea'),
      b2: await s.invite(id, 'brand', 'Ben'),
      u1: await s.invite(id, 'customer', 'Cy'),
      // connects and never edits: equity still counts her (x = 0)
      u2: await s.invite(id, 'customer', 'Dee'),
      viewer: await s.invite(id, 'viewer', 'Vic')
    }
    const session = await json<{ id: string }>(s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: '{"name":"Workshop"}', token: invites.f.token }))
    const c = Object.fromEntries(Object.entries(invites).map(([k, v]) => [k, stockClient(s.wsUrl, id, v.token)])) as Record<keyof typeof invites, StockClient>
    clients.push(...Object.values(c))
    await Promise.all(Object.values(c).map((x) => synced(x, 15_000)))

    for (const step of STEPS) {
      step.run(c[step.who].doc)
      const want = mapOf(c[step.who].doc)
      await waitFor(() => Object.values(c).every((x) => mapOf(x.doc) === want), 15_000, `step ${step.kind} ${step.id} to reach everyone`)
    }

    // Pulse: b1 answers, then replaces the whole set; b2 and u1 answer; u2 refuses every item.
    const pulse = (who: keyof typeof invites, body: unknown) =>
      s.api(`/api/boards/${id}/pulse`, { method: 'POST', token: invites[who].token, body: JSON.stringify(body) })
    expect((await pulse('b1', { understood: 4, learned: 5, represents: 3 })).status).toBe(201)
    expect((await pulse('b1', { understood: 1, learned: 5 })).status).toBe(200)
    expect((await pulse('b2', { understood: 4, represents: 5 })).status).toBe(201)
    expect((await pulse('u1', { understood: 3, learned: 4, represents: 4 })).status).toBe(201)
    expect((await pulse('u2', {})).status).toBe(201)
    expect((await pulse('viewer', { understood: 5 })).status).toBe(403)

    // Arrival times, read back: the history lists one event per step, in script order.
    const history = await json<{ events: Array<{ at: number; kind: string; participant: { id: string }; element: { id: string } }> }>(
      s.api(`/api/boards/${id}/history`)
    )
    const byId = Object.fromEntries(Object.entries(invites).map(([k, v]) => [v.participantId, k]))
    expect(history.events.map((e) => [byId[e.participant.id], e.kind, e.element.id])).toEqual(STEPS.map((st) => [st.who, st.kind, st.id]))
    const at = [NaN, ...history.events.map((e) => e.at)] // at[k]: arrival of step k

    const { metrics: m } = await json<{ at: number; metrics: Metrics }>(s.api(`/api/boards/${id}/metrics`))

    // Content events by B/U (the move of step 7 and the facilitator's step 10 are not counted):
    //   b1: 1, 4, 9 → 3;  b2: 5, 6, 12, 13, 15 → 5;  u1: 2, 3, 8, 11, 14, 16 → 6;  u2: 0.
    // 1. balance = 1 − |n_B − n_U| / (n_B + n_U) = 1 − |8 − 6| / 14 = 6/7
    expect(m.balance).toBeCloseTo(6 / 7, 12)
    // 2. equity: x = (3, 5, 6, 0), n = 4, x̄ = 3.5; Σ_i Σ_j |x_i − x_j| = 2·(2 + 3 + 3 + 1 + 5 + 6) = 40;
    //    Gini = 40 / (2 · 16 · 3.5) = 5/14 → equity = 9/14 (the viewer and facilitator are not participants)
    expect(m.equity).toBeCloseTo(9 / 14, 12)
    // 3. commonGround: P = {L1, L2, L3, L4, L5}; all but L5 have F = {B, U} → 4/5
    expect(m.commonGround).toBeCloseTo(4 / 5, 12)
    expect(m.commonGroundCount).toBe(4)
    // 4. bridging: endpoint creators L1 A(B)–B(U) E; L2 A(B)–C(B) I; L3 C(B)–D(U) E; L4 B(U)–D(U) I;
    //    L5 C(B)–E(B) I → (E − I) / (E + I) = (2 − 3) / 5 = −0.2
    expect(m.bridging).toBeCloseTo(-0.2, 12)
    // 5. uptake: b1 step 4 (relabel B, last by u1) and step 9 (L3 to D, last by u1) → u_B = 2;
    //    u1 step 3 (L1 from A, last by b1), 11 (relabel L2, last by b2), 14 (L4 from B, last relabelled
    //    by b1 at step 4), 16 (delete G, created by b2) → u_U = 4. Step 6 (A and C last by brand) and
    //    13 (C, E by b2) are not uptake; creating a concept never is.
    //    uptake.brand = 2/8, uptake.customer = 4/6
    expect(m.uptake.brand).toBeCloseTo(2 / 8, 12)
    expect(m.uptake.customer).toBeCloseTo(4 / 6, 12)
    // 6. reciprocity = min(2, 4) / max(2, 4) = 0.5
    expect(m.reciprocity).toBeCloseTo(0.5, 12)
    // 7. structure: degrees A 2 (L1, L2), B 2 (L1, L4), C 3 (L2, L3, L5), D 2 (L3, L4), E 1 → root C.
    //    BFS: A, D, E at 1, B at 2 → HH = 2. First level A, D, E; without C, B is 1 from A and 1 from D:
    //    tie → the earlier created, A. Cross-links join non-root concepts of different branches:
    //    L4 (B in A's branch, D in D's) → NCL = 1; L1 stays inside A's branch.
    //    score = NP + 5·HH + 10·NCL = 5 + 10 + 10 = 25; L4's endpoint creators are both U → 0/1 = 0.
    expect(m.structure).toEqual({ NP: 5, HH: 2, NCL: 1, score: 25, integrativeCrossLinks: 0 })
    // 9. novelty: concepts at T A(b1) B(u1) C(b2) D(u1) E(b2) → 2/5 (G was deleted)
    expect(m.novelty).toBeCloseTo(2 / 5, 12)

    // 8a. convergence.delta = CG(t1) − CG(cut): t0 = at[1], t1 = at[16]; the steps at or before the cut
    //     are those with 3·at ≤ 2·t0 + t1, a prefix of the script; CG after that prefix from the table.
    const bound = 2 * at[1]! + at[16]!
    const lastAtCut = STEPS.reduce((k, _, i) => (3 * at[i + 1]! <= bound ? i + 1 : k), 0)
    const cgCut = CG_AFTER_STEP[lastAtCut]!
    const delta = at[1] === at[16] || cgCut === null ? null : 4 / 5 - cgCut
    if (delta === null) expect(m.convergence.delta).toBeNull()
    else expect(m.convergence.delta).toBeCloseTo(delta, 12)
    // 8b. take-ups by the other group, from each element's creation:
    //     A (b1, 1) by L1 (u1, 3); B (u1, 2) by the relabel (b1, 4); L2 (b2, 6) by the relabel (u1, 11);
    //     D (u1, 8) by L3 (b1, 9); G (b2, 15) by its deletion (u1, 16; deleted elements still count).
    //     C is only moved by u1 (no content), E, L1, L3, L4, L5 are never touched by the other group.
    //     Median of the five latencies in seconds.
    const latencies = [at[3]! - at[1]!, at[4]! - at[2]!, at[11]! - at[6]!, at[9]! - at[8]!, at[16]! - at[15]!].map((ms) => ms / 1000).sort((x, y) => x - y)
    expect(m.convergence.uptakeLatencyMedianSeconds).toBeCloseTo(latencies[2]!, 12)

    // 10. pulse (latest set per participant): understood B (1, 4) → 2.5, U (3) → 3, overall 8/3;
    //     learned B (5; b2 refused) → 5, U 4 → 4.5 overall; represents: b1's second set left it out,
    //     so B (5) → 5, U (4) → 4, overall 4.5. u2 refused everything and counts nowhere.
    expect(m.pulse.understood).toEqual({ brand: 2.5, customer: 3, overall: expect.closeTo(8 / 3, 12), count: { brand: 2, customer: 1 } })
    expect(m.pulse.learned).toEqual({ brand: 5, customer: 4, overall: 4.5, count: { brand: 1, customer: 1 } })
    expect(m.pulse.represents).toEqual({ brand: 5, customer: 4, overall: 4.5, count: { brand: 1, customer: 1 } })

    // Scoped to the session (every step and answer is in it): the same profile.
    const scoped = await json<{ session: string; metrics: Metrics }>(s.api(`/api/boards/${id}/metrics?session=${session.id}`))
    expect(scoped.session).toBe(session.id)
    expect(scoped.metrics).toEqual(m)

    // The permutation baseline is opt-in; its observed values are the profile's, and it is seeded.
    const plain = await json<Record<string, unknown>>(s.api(`/api/boards/${id}/metrics`))
    expect(plain).not.toHaveProperty('baseline')
    const withBaseline = await json<{ metrics: Metrics; baseline: { iterations: number; seed: number; bridging: PermutationResult; uptake: { brand: PermutationResult; customer: PermutationResult } } }>(
      s.api(`/api/boards/${id}/metrics?baseline=1`)
    )
    const b = withBaseline.baseline
    expect(b.iterations).toBe(1000)
    expect(b.bridging.observed).toBeCloseTo(-0.2, 12)
    expect(b.uptake.brand.observed).toBeCloseTo(2 / 8, 12)
    expect(b.uptake.customer.observed).toBeCloseTo(4 / 6, 12)
    for (const r of [b.bridging, b.uptake.brand, b.uptake.customer]) {
      // four participants, two per group: every shuffle leaves both groups with content events
      expect(r.permutations).toBe(1000)
      expect(r.percentile).toBeGreaterThanOrEqual(0)
      expect(r.percentile).toBeLessThanOrEqual(100)
    }
    const again = await json<{ baseline: unknown }>(s.api(`/api/boards/${id}/metrics?baseline=true`))
    expect(again.baseline).toEqual(b)
    expect((await s.api(`/api/boards/${id}/metrics?baseline=yes`)).status).toBe(400)
  })
})
