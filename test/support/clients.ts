import WebSocket from 'ws'
import { readAuthMessage } from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { readBoardMap } from '../../shared/schema/board-doc'

export interface StockClient {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: Array<{ code: number; reason: string }>
  permissionDenied: string[]
  destroy(): void
}

/** A stock y-websocket client, exactly as an integrator would create one (no BroadcastChannel shortcut). */
export function stockClient(wsUrl: string, boardId: string, token: string, opts: { connect?: boolean } = {}): StockClient {
  const doc = new Y.Doc()
  // In Node each provider adds a process 'exit' listener until it is destroyed: allow exactly those,
  // so that Node's leak warning still speaks up for anything else.
  process.setMaxListeners(process.getMaxListeners() + 1)
  let destroyed = false
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true
  })
  const closes: StockClient['closes'] = []
  const permissionDenied: string[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  // The stock handler only logs a permission-denied message; record it so tests can assert on it.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    readAuthMessage(decoder, doc, (_doc, reason) => permissionDenied.push(reason))
  }
  return {
    doc,
    provider,
    closes,
    permissionDenied,
    destroy() {
      provider.destroy()
      doc.destroy()
      if (destroyed) return
      destroyed = true
      process.setMaxListeners(process.getMaxListeners() - 1)
    }
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const synced = (c: StockClient, timeoutMs = 5000) => waitFor(() => c.provider.synced, timeoutMs, 'sync')

export function addConcept(doc: Y.Doc, id: string, label: string, x = 0, y = 0): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('label', label)
    m.set('x', x)
    m.set('y', y)
    doc.getMap('concepts').set(id, m)
  })
}

export function addLink(doc: Y.Doc, id: string, from: string, to: string, label: string): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    m.set('from', from)
    m.set('to', to)
    m.set('label', label)
    doc.getMap('links').set(id, m)
  })
}

export const mapOf = (doc: Y.Doc) => JSON.stringify(readBoardMap(doc))
