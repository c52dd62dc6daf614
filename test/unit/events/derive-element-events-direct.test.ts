import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { deriveElementEvents } from '../../../shared/events/derive-element-events'
import type { ElementEvent } from '../../../shared/events/element-event'
import { Client, addConcept, brief, conceptMap } from './harness'

// Element events read straight off a document's own transactions, outside the server's room.

describe('deriveElementEvents: local transactions and direct use', () => {
  it('works for local transactions on the doc itself', () => {
    const doc = new Y.Doc()
    const seen: ElementEvent[][] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(deriveElementEvents(tr)))
    const concepts = doc.getMap<Y.Map<unknown>>('concepts')
    doc.transact(() => concepts.set('A', conceptMap({ label: 'a', x: 0, y: 0 })))
    doc.transact(() => concepts.get('A')?.set('label', 'b'))
    doc.transact(() => concepts.delete('A'))
    expect(seen.map(brief)).toEqual([['create concept:A'], ['relabel concept:A'], ['delete concept:A']])
  })

  it('a document whose element maps were never touched gives nothing', () => {
    const doc = new Y.Doc()
    const seen: ElementEvent[][] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(deriveElementEvents(tr)))
    doc.getMap('meta').set('title', 't')
    expect(seen).toEqual([[]])
  })

  it('a server doc with elements created before getMap was called on it', () => {
    // Remote content for `concepts` can arrive before the server ever calls getMap('concepts').
    const server = new Y.Doc()
    const seen: ElementEvent[][] = []
    server.on('afterTransaction', (tr: Y.Transaction) => seen.push(deriveElementEvents(tr)))
    const client = new Client()
    Y.applyUpdate(server, client.change(() => addConcept(client, 'A')))
    Y.applyUpdate(server, client.change(() => (client.concepts.get('A') as Y.Map<unknown>).set('label', 'z')))
    expect(seen.map(brief)).toEqual([['create concept:A'], ['relabel concept:A']])
  })
})
