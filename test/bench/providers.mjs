// Connects one Y.Doc with the stock provider a real client of each server would use, and reduces
// their different event APIs to onSynced / onClose.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider } from '@hocuspocus/provider'

/**
 * @param {{kind:'y-websocket'|'hocuspocus', url:string, room:string, params?:object}} target
 * @param {import('yjs').Doc} doc
 * @param {{onSynced:()=>void, onClose:(code:number|undefined, reason:string|undefined)=>void}} hooks
 */
export function connect(target, doc, hooks) {
  if (target.kind === 'y-websocket') {
    const provider = new WebsocketProvider(target.url, target.room, doc, {
      params: target.params ?? {},
      WebSocketPolyfill: WebSocket,
      // Node has a global BroadcastChannel: without this, clients of one board inside the same
      // load generator would hand each other updates without going through the server.
      disableBc: true
    })
    provider.on('sync', (synced) => synced && hooks.onSynced())
    provider.on('connection-close', (event) => hooks.onClose(event?.code, event?.reason))
    provider.on('connection-error', (event) => hooks.onClose(undefined, `error: ${event?.message ?? event?.type ?? 'unknown'}`))
    return { destroy: () => provider.destroy() }
  }
  if (target.kind === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: target.url,
      name: target.room,
      document: doc,
      WebSocketPolyfill: WebSocket,
      onSynced: ({ state }) => state && hooks.onSynced(),
      onClose: ({ event }) => hooks.onClose(event?.code, event?.reason),
      onAuthenticationFailed: ({ reason }) => hooks.onClose(undefined, `auth failed: ${reason}`)
    })
    return { destroy: () => provider.destroy() }
  }
  throw new Error(`unknown provider kind ${target.kind}`)
}
