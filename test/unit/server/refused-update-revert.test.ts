import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { deriveElementEvents } from '../../../shared/events/derive-element-events'
import type { ElementEvent } from '../../../shared/events/element-event'
import { readBoardMap } from '../../../shared/schema/board-doc'
import type { AcceptedChanges } from '../../../server/history/accepted-changes'
import { DocumentChanges } from '../../../server/history/document-changes'
import { RoomDocument } from '../../../server/sync/room-document'

const MAX_PENDING = 1 << 20
const refuseAll = () => 'locked' as const

/** A room document holding concept A (written by someone else), a witness and an author synced to it. */
function room() {
  const other = new Y.Doc()
  other.transact(() => {
    const a = new Y.Map<unknown>()
    a.set('label', 'Someone else’s idea')
    a.set('x', 10)
    a.set('y', 20)
    other.getMap('concepts').set('A', a)
    other.getMap('meta').set('title', 'Board')
  })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
  const document = new RoomDocument(doc)
  const sync = (to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(to)))
  const witness = new Y.Doc()
  const author = new Y.Doc()
  sync(witness)
  sync(author)
  return { doc, document, witness, author }
}

const conceptA = (doc: Y.Doc) => doc.getMap('concepts').get('A') as Y.Map<unknown>
const map = (doc: Y.Doc) => JSON.stringify(readBoardMap(doc))

/** The author's change as one update, and what the room did with it. */
function send(r: ReturnType<typeof room>, change: (author: Y.Doc) => void, review: () => 'locked' | null = refuseAll) {
  const before = Y.encodeStateVector(r.doc)
  r.author.transact(() => change(r.author))
  const update = Y.encodeStateAsUpdate(r.author, before)
  const outcome = r.document.applyClientUpdate(update, { author: true }, MAX_PENDING, review)
  if (outcome.outcome !== 'applied') throw new Error(outcome.outcome)
  return outcome
}

/** Applies `update` to `doc` in one transaction, as a client does, and returns the element events it makes. */
function applyAsClient(doc: Y.Doc, update: Uint8Array): ElementEvent[] {
  let events: ElementEvent[] = []
  const listen = (tr: Y.Transaction) => (events = deriveElementEvents(tr))
  doc.on('afterTransaction', listen)
  Y.applyUpdate(doc, update)
  doc.off('afterTransaction', listen)
  return events
}

const changes: Array<[string, (author: Y.Doc) => void]> = [
  ['a delete of someone else’s concept', (a) => a.getMap('concepts').delete('A')],
  ['a relabel', (a) => conceptA(a).set('label', 'hijacked')],
  ['a create', (a) => a.getMap('concepts').set('B', new Y.Map())],
  ['a concept replaced under its key', (a) => a.getMap('concepts').set('A', new Y.Map())],
  ['a field removed', (a) => conceptA(a).delete('x')],
  ['a new top-level type', (a) => a.getMap('evil').set('k', 'v')]
]

describe('a refused update is integrated and its effect removed in the same change', () => {
  it.each(changes)('%s: the board, a witness and the author all end as before, with no element event', (_what, change) => {
    const r = room()
    const before = map(r.doc)
    const { refused, effective } = send(r, change)
    expect(refused).toBe('locked')
    expect(map(r.doc)).toBe(before)
    expect(effective).not.toBeNull()
    expect(applyAsClient(r.witness, effective!)).toEqual([])
    expect(map(r.witness)).toBe(before)
    expect(r.witness.share.has('evil') ? r.witness.getMap('evil').size : 0).toBe(0)
    applyAsClient(r.author, effective!)
    expect(map(r.author)).toBe(before)
    expect(r.author.share.has('evil') ? r.author.getMap('evil').size : 0).toBe(0)
  })

  it('a refused delete brings the concept back with its label, position and no trace kept from garbage collection', () => {
    const r = room()
    send(r, (a) => a.getMap('concepts').delete('A'))
    expect(conceptA(r.doc).toJSON()).toEqual({ label: 'Someone else’s idea', x: 10, y: 20 })
    let kept = 0
    r.doc.store.clients.forEach((structs) => structs.forEach((s) => s instanceof Y.Item && s.keep && kept++))
    expect(kept).toBe(0)
  })

  it('the author’s later updates still apply (its clocks stay contiguous) and converge everywhere', () => {
    const r = room()
    const refused = send(r, (a) => conceptA(a).set('label', 'while locked'))
    Y.applyUpdate(r.author, refused.effective!)
    Y.applyUpdate(r.witness, refused.effective!)
    const later = send(r, (a) => conceptA(a).set('label', 'after unlock'), () => null)
    expect(later.refused).toBeNull()
    expect(r.doc.store.pendingStructs).toBeNull()
    expect(conceptA(r.doc).get('label')).toBe('after unlock')
    expect(applyAsClient(r.witness, later.effective!)).toEqual([{ kind: 'relabel', elementType: 'concept', elementId: 'A' }])
    expect(map(r.witness)).toBe(map(r.doc))
  })

  it('an author that never heard the revert does not bring its change back when it syncs again', () => {
    const r = room()
    send(r, (a) => a.getMap('concepts').delete('A'))
    // Its reconnection: everything it holds that the room lacks (nothing new), then the room's answer.
    const again = r.document.applyClientUpdate(Y.encodeStateAsUpdate(r.author, Y.encodeStateVector(r.doc)), {}, MAX_PENDING, () => null)
    expect(again).toMatchObject({ outcome: 'applied', effective: null, refused: null })
    Y.applyUpdate(r.author, Y.encodeStateAsUpdate(r.doc, Y.encodeStateVector(r.author)))
    expect(map(r.author)).toBe(map(r.doc))
    expect(conceptA(r.author).get('label')).toBe('Someone else’s idea')
  })

  it('collects no element change for a refused update', () => {
    const r = room()
    const derived: AcceptedChanges[] = []
    const watcher = new DocumentChanges((_entry, changes) => derived.push(changes))
    r.document.watch(watcher)
    const { effective } = send(r, (a) => a.getMap('concepts').delete('A'))
    watcher.accepted({ seq: 1, at: 0, participantId: 'author', update: effective! })
    expect(derived).toEqual([{ events: [], changes: [] }])
  })

  it('never reviews an update that changes nothing, and leaves an accepted one as it is', () => {
    const r = room()
    let reviews = 0
    const counted = () => {
      reviews++
      return null
    }
    expect(r.document.applyClientUpdate(Y.encodeStateAsUpdate(new Y.Doc()), {}, MAX_PENDING, counted)).toMatchObject({ effective: null, refused: null })
    expect(reviews).toBe(0)
    const accepted = send(r, (a) => conceptA(a).set('x', 11), counted)
    expect(reviews).toBe(1)
    expect(accepted.refused).toBeNull()
    expect(conceptA(r.doc).get('x')).toBe(11)
  })
})
