import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { takeServerUpdates } from '../../../client/controllers/server-updates'

/** A sync message as the server sends it (message type 0, then the sync step). */
function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  write(e)
  return encoding.toUint8Array(e)
}

/** What the provider does with a message off the socket: its handler for the message's type. */
function receive(provider: WebsocketProvider, message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message)
  const reply = encoding.createEncoder()
  const type = decoding.readVarUint(decoder)
  provider.messageHandlers[type]!(reply, decoder, provider, true, type)
  return encoding.toUint8Array(reply)
}

function setup() {
  const doc = new Y.Doc()
  // Never connects: the messages are handed to its handlers as the socket would.
  const provider = new WebsocketProvider('ws://127.0.0.1:1', 'board', doc, { connect: false, disableBc: true, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket })
  const taken: Uint8Array[] = []
  const events: { origin: unknown; update: Uint8Array }[] = []
  doc.on('update', (update, origin) => events.push({ origin, update }))
  const stop = takeServerUpdates(provider, doc, (u) => taken.push(u))
  return { doc, provider, taken, events, stop }
}

function serverDoc(): { server: Y.Doc; update: Uint8Array } {
  const server = new Y.Doc()
  server.getMap('concepts').set('a', 'Price')
  server.getMap('concepts').set('b', 'Trust')
  return { server, update: Y.encodeStateAsUpdate(server) }
}

describe('takeServerUpdates', () => {
  it('applies the server’s sync step 2 and updates, hands their bytes on as they arrived, and skips Yjs’s re-encoding of them', () => {
    const { doc, provider, taken, events, stop } = setup()
    const { server, update } = serverDoc()
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, update)))
    // writeUpdate writes an update message; the initial state comes as step 2.
    const step2 = syncMessage((e) => syncProtocol.writeSyncStep2(e, server))
    const fresh = new Y.Doc()
    const p2 = new WebsocketProvider('ws://127.0.0.1:1', 'board', fresh, { connect: false, disableBc: true, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket })
    const taken2: Uint8Array[] = []
    takeServerUpdates(p2, fresh, (u) => taken2.push(u))
    expect(p2.synced).toBe(false)
    receive(p2, step2)
    expect(p2.synced).toBe(true)
    expect(fresh.getMap('concepts').toJSON()).toEqual({ a: 'Price', b: 'Trust' })
    expect(taken2).toHaveLength(1)

    expect(doc.getMap('concepts').toJSON()).toEqual({ a: 'Price', b: 'Trust' })
    expect(taken).toEqual([update])
    expect(events).toEqual([])
    // What was taken is the whole change: a document made from it alone is the same.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, taken[0]!)
    expect(copy.getMap('concepts').toJSON()).toEqual({ a: 'Price', b: 'Trust' })

    // An update the document already has changes nothing and is not handed on again.
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, update)))
    expect(taken).toHaveLength(1)

    // Local changes still reach the update event (the provider sends them, the local copy stores them).
    doc.getMap('concepts').set('c', 'Mine')
    expect(events).toHaveLength(1)
    expect(events[0]!.origin).not.toBe(provider)
    stop()
    p2.destroy()
    provider.destroy()
  })

  it('still reports a change an observer makes while the server’s update is applied', () => {
    const { doc, provider, taken, events, stop } = setup()
    const concepts = doc.getMap<string>('concepts')
    // An observer answering a remote change with a local one (in the remote change's cleanup).
    concepts.observe((event) => {
      if (event.transaction.origin === provider && !concepts.has('seen')) doc.transact(() => concepts.set('seen', 'yes'), 'local')
    })
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, serverDoc().update)))
    expect(taken).toHaveLength(1)
    expect(events.map((e) => e.origin)).toEqual(['local'])
    const copy = new Y.Doc()
    Y.applyUpdate(copy, events[0]!.update)
    expect(copy.getMap('concepts').get('seen')).toBe('yes')
    stop()
    provider.destroy()
  })

  it('answers the server’s sync step 1 with what the server lacks, and stops when told', () => {
    const { doc, provider, taken, events, stop } = setup()
    doc.getMap('concepts').set('x', 'Offline edit')
    const server = new Y.Doc()
    const reply = receive(provider, syncMessage((e) => syncProtocol.writeSyncStep1(e, server)))
    const d = decoding.createDecoder(reply)
    expect(decoding.readVarUint(d)).toBe(0)
    expect(decoding.readVarUint(d)).toBe(syncProtocol.messageYjsSyncStep2)
    Y.applyUpdate(server, decoding.readVarUint8Array(d))
    expect(server.getMap('concepts').get('x')).toBe('Offline edit')

    stop()
    events.length = 0
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, serverDoc().update)))
    // The stock handler again: Yjs's own update event, nothing taken.
    expect(taken).toEqual([])
    expect(events.map((e) => e.origin)).toEqual([provider])
    provider.destroy()
  })

  it('leaves the stock path alone on a Yjs that keeps its observers otherwise', () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider('ws://127.0.0.1:1', 'board', doc, { connect: false, disableBc: true, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket })
    const stock = provider.messageHandlers[0]
    const kept = (doc as unknown as { _observers: unknown })._observers
    ;(doc as unknown as { _observers: unknown })._observers = undefined
    const taken: Uint8Array[] = []
    const stop = takeServerUpdates(provider, doc, (u) => taken.push(u))
    expect(provider.messageHandlers[0]).toBe(stock)
    ;(doc as unknown as { _observers: unknown })._observers = kept
    const events: unknown[] = []
    doc.on('update', (_u, origin) => events.push(origin))
    receive(provider, syncMessage((e) => syncProtocol.writeUpdate(e, serverDoc().update)))
    expect(doc.getMap('concepts').get('a')).toBe('Price')
    expect(events).toEqual([provider])
    expect(taken).toEqual([])
    stop()
    provider.destroy()
  })
})
