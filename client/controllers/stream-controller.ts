import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type * as Y from 'yjs'
import { readStreamEntry, streamMap, type StreamEntry } from '../../shared/stream/stream-doc'

/**
 * Mirrors the board document's stream (what customers already said, written by the server only)
 * into a list, newest first: dated items by date, then undated ones in the order the map holds.
 */
export class StreamController implements ReactiveController {
  entries: readonly StreamEntry[] = []
  byId: ReadonlyMap<string, StreamEntry> = new Map()
  private unbind: (() => void) | null = null

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(null)
  }

  bind(doc: Y.Doc | null): void {
    this.unbind?.()
    this.unbind = null
    this.entries = []
    this.byId = new Map()
    if (doc) {
      const stream = streamMap(doc)
      const read = () => {
        const list: StreamEntry[] = []
        stream.forEach((value, id) => {
          const e = readStreamEntry(id, value)
          if (e) list.push(e)
        })
        const order = new Map(list.map((e, i) => [e.id, i]))
        list.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || order.get(b.id)! - order.get(a.id)!)
        this.entries = list
        this.byId = new Map(list.map((e) => [e.id, e]))
        this.host.requestUpdate()
      }
      read()
      stream.observeDeep(read)
      this.unbind = () => stream.unobserveDeep(read)
    }
    this.host.requestUpdate()
  }
}
