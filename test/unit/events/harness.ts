import * as Y from 'yjs'
import { deriveElementEvents } from '../../../shared/events/derive-element-events'
import type { ElementEvent } from '../../../shared/events/element-event'

/**
 * A server doc receiving updates the way the server does (Y.applyUpdate) and deriving events in
 * `afterTransaction`, plus client docs that produce those updates.
 */
export class Server {
  readonly doc = new Y.Doc()
  private last: ElementEvent[][] = []

  constructor() {
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      this.last.push(deriveElementEvents(tr))
    })
  }

  /** Applies one update in one transaction and returns the events derived from it. */
  apply(update: Uint8Array): ElementEvent[] {
    this.last = []
    Y.applyUpdate(this.doc, update, 'remote')
    if (this.last.length !== 1) throw new Error(`expected one transaction, got ${this.last.length}`)
    return this.last[0] ?? []
  }
}

/** A client doc whose each transaction yields one update. */
export class Client {
  readonly doc: Y.Doc
  readonly updates: Uint8Array[] = []

  constructor(clientID?: number) {
    this.doc = new Y.Doc()
    if (clientID !== undefined) this.doc.clientID = clientID
    this.doc.on('update', (u: Uint8Array) => this.updates.push(u))
  }

  get concepts(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap('concepts')
  }

  get links(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap('links')
  }

  /** Runs `f` in one transaction and returns the update it produced. */
  change(f: () => void): Uint8Array {
    const n = this.updates.length
    this.doc.transact(f)
    if (this.updates.length !== n + 1) throw new Error('transaction produced no single update')
    return this.updates[n] as Uint8Array
  }

  /** Runs several transactions and returns their updates merged into one (as a provider may). */
  changeMerged(...fs: Array<() => void>): Uint8Array {
    return Y.mergeUpdates(fs.map((f) => this.change(f)))
  }

  /** Brings this client up to date with the server. */
  syncFrom(server: Server): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(this.doc)))
  }
}

export function conceptMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  return m
}

export function addConcept(client: Client, id: string, label = id, x = 0, y = 0): void {
  client.concepts.set(id, conceptMap({ label, x, y }))
}

export function addLink(client: Client, id: string, from: string, to: string, label = 'rel'): void {
  client.links.set(id, conceptMap({ from, to, label }))
}

/** Compact form for assertions: "kind elementType:id". */
export function brief(events: readonly ElementEvent[]): string[] {
  return events.map((e) => `${e.kind} ${e.elementType}:${e.elementId}`)
}
