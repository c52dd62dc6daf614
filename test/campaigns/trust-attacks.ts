import * as Y from 'yjs'
import { addConcept, type StockClient } from '../support/clients'
import { awarenessMessage, deniedReasons, squatUpdate } from '../support/hostile-sync'
import { rawSocket, syncUrl, type RawSocket } from '../support/raw-socket'
import { syncUpdateFrame } from '../support/unapplyable-update'
import { sleep } from './campaign-support'

/**
 * The attacks of issue 19 as campaign phases, so they stay fixed under load and among fuzzing: each
 * one is a participant with a real token doing what no honest client does. The campaigns check what
 * must hold around them (honest clients converge, nothing refused reaches the journal or the map).
 */

/** Concept ids the content attacks use: none may ever be on the board. */
export const ATTACK_KEYS = /^attack-/

/** Opens a raw socket and waits for the server's first message (the room has it by then). */
async function attacker(wsUrl: string, boardId: string, token: string): Promise<RawSocket> {
  const s = rawSocket(syncUrl(wsUrl, boardId, token), { maxPayload: 64 * 1024 * 1024 })
  await s.opened
  for (let i = 0; i < 200 && s.messages.length === 0; i++) await sleep(10)
  return s
}

/** Waits for the close, or says it never came. */
const closeOf = async (s: RawSocket) =>
  Promise.race([s.closed.then((c) => c.code), sleep(20_000).then(() => 'no close within 20 s' as const)])

/** Waits until `s` has heard `n` refusals, or 10 s. */
async function refusals(s: RawSocket, n: number): Promise<string[]> {
  for (let i = 0; i < 1000 && deniedReasons(s).length < n; i++) await sleep(10)
  return deniedReasons(s)
}

/** A concept written from a throwaway document (a client id of its own): an update that applies on any board. */
function freshConceptUpdate(id: string, fields: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc()
  const concept = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) concept.set(k, v)
  doc.getMap('concepts').set(id, concept)
  return Y.encodeStateAsUpdate(doc)
}

export interface ContentAttackTarget {
  wsUrl: string
  boardId: string
  /** A brand's token: a writer, but not a facilitator. */
  brandToken: string
  /** An honest client whose client id the squatter takes; it keeps editing afterwards. */
  victim: StockClient
}

/**
 * An update of more structs than a board takes at once (4413, never applied); structs under the
 * victim's client id (refused `client-id`, dropped, the connection kept), after which the victim edits again
 * (`victim-after-squat`, which must be journaled); a brand writing `meta`; concepts at 1e308 and
 * NaN (refused, the connection kept). Returns what each attacker heard.
 */
export async function contentAttacks(t: ContentAttackTarget): Promise<Record<string, number | string | boolean>> {
  const { wsUrl, boardId, brandToken, victim } = t

  const big = await attacker(wsUrl, boardId, brandToken)
  const bulk = new Y.Doc()
  const concept = new Y.Map<unknown>()
  bulk.getMap('concepts').set('attack-big', concept)
  // 60,001 clock units in one update: over the 50,000 a board takes at once.
  concept.set('label', Y.Array.from(new Array(60_001).fill(0)))
  big.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(bulk)))
  const bigClose = await closeOf(big)

  const squatter = await attacker(wsUrl, boardId, brandToken)
  squatter.ws.send(syncUpdateFrame(squatUpdate(victim.doc, 'written under the victim’s id', 'attack-squat')))
  // Its structs are dropped and it is told; it stays connected (closed, an honest forwarder would be too).
  for (let i = 0; i < 100 && deniedReasons(squatter).length === 0; i++) await new Promise((r) => setTimeout(r, 50))
  const squatClose = squatter.ws.readyState === squatter.ws.OPEN ? 'open' : 'closed'
  squatter.ws.close(1000)
  const squatRefusal = deniedReasons(squatter).join(',')
  addConcept(victim.doc, `victim-after-squat`, 'the victim edits on after the squatter', 10, 10)

  const brand = await attacker(wsUrl, boardId, brandToken)
  const meta = new Y.Doc()
  meta.getMap('meta').set('title', 'attack: a brand renames the board')
  brand.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(meta)))
  brand.ws.send(syncUpdateFrame(freshConceptUpdate('attack-far', { label: 'far away', x: 1e308, y: 0 })))
  brand.ws.send(syncUpdateFrame(freshConceptUpdate('attack-nan', { label: 'nowhere', x: Number.NaN, y: 0 })))
  const brandRefusals = await refusals(brand, 3)
  const brandStillOpen = brand.ws.readyState === brand.ws.OPEN
  brand.ws.close(1000)

  return {
    oversizedUpdateClose: bigClose,
    squatClose,
    squatRefusal,
    brandRefusals: brandRefusals.join(','),
    brandKeptConnected: brandStillOpen
  }
}

export interface PresenceFloodOptions {
  rounds: number
  messages: number
  idsPerMessage: number
  stateBytes: number
}

/** The issue's form: 16 messages back to back, 256 new client ids each, ~28 KB a state. */
export const ISSUE_PRESENCE_FLOOD: Omit<PresenceFloodOptions, 'rounds'> = { messages: 16, idsPerMessage: 256, stateBytes: 28 * 1024 }

/**
 * A viewer floods presence, reconnecting after each close to do it again. Returns the close codes
 * it got; the campaign checks that nobody else on the board was closed and everyone converged.
 */
export async function presenceFlood(wsUrl: string, boardId: string, viewerToken: string, o: PresenceFloodOptions): Promise<Record<string, number>> {
  const codes: Record<string, number> = {}
  const blob = 'x'.repeat(o.stateBytes)
  let next = 1_000_000
  for (let r = 0; r < o.rounds; r++) {
    const s = await attacker(wsUrl, boardId, viewerToken)
    for (let m = 0; m < o.messages && s.ws.readyState === s.ws.OPEN; m++) {
      const entries: Array<[number, number, unknown]> = []
      for (let i = 0; i < o.idsPerMessage; i++) entries.push([next++, 1, { user: { name: 'flood', role: 'facilitator' }, blob }])
      s.ws.send(awarenessMessage(entries))
    }
    // A flood the server merely drops leaves the socket open: end it, so each round starts afresh.
    const code = await Promise.race([s.closed.then((c) => c.code), sleep(2000).then(() => 'open')])
    codes[code] = (codes[code] ?? 0) + 1
    if (code === 'open') {
      s.ws.close(1000)
      await s.closed
    }
  }
  return codes
}
