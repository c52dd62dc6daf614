/**
 * The board page's socket, opened by a small script of its own (client/entries/early/board-socket.ts)
 * while the board's modules are still loading, and adopted by the board's y-websocket provider when it
 * connects. Without it the socket was created only once every module had loaded and the board had
 * set up (about 0.4 s into a desktop load, 1.5 s on a phone), and the map's data came 0.3 s after that.
 *
 * The early script sends the sync step 1 of an empty document as soon as the socket opens, so the
 * server's answer (the whole map) is on its way, or here, when the provider takes the socket over.
 * What arrived before then is replayed to the provider in order, as if it had listened from the
 * start; the provider's own sync step 1, if it is the same empty one, is not sent again (the server
 * would answer with the whole map twice). A provider whose document already holds something (its
 * local copy loaded first) sends its own, and the server answers with what it lacks.
 *
 * The two scripts are separate bundles, so the socket waits for the board under a key of the page's
 * global object (one per page; a socket nobody adopts is closed after CLAIM_WITHIN_MS).
 */

const SLOT = Symbol.for('common-ground:early-socket')
const CLAIM_WITHIN_MS = 15_000

/** y-protocols' sync step 1 of an empty document: messageSync (0), step 1 (0), a 1-byte state vector of 0 clients. */
export const EMPTY_SYNC_STEP_1 = Uint8Array.of(0, 0, 1, 0)

/** The parts of a browser WebSocket this module and y-websocket use (the `ws` package has them too). */
export interface SocketLike {
  readonly readyState: number
  binaryType: string
  send(data: Uint8Array | ArrayBuffer): void
  close(code?: number, reason?: string): void
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: Event) => void): void
}

interface Waiting {
  url: string
  socket: SocketLike
  /** What happened before the provider took over, in order. */
  events: Event[]
  /** The provider's handlers, once it has taken over. */
  deliver: ((event: Event) => void) | null
  sentEmptyStep1: boolean
  unclaimed: ReturnType<typeof setTimeout>
}

type Slot = { [SLOT]?: Waiting }
const slot = (scope: object) => scope as Slot

/** Opens the socket for `url` and leaves it for the provider; `create` and `scope` are for tests. */
export function openEarlySocket(url: string, create: (url: string) => SocketLike = (u) => new WebSocket(u), scope: object = globalThis): void {
  const before = slot(scope)[SLOT]
  if (before) {
    clearTimeout(before.unclaimed)
    before.socket.close()
  }
  const socket = create(url)
  socket.binaryType = 'arraybuffer'
  const waiting: Waiting = {
    url,
    socket,
    events: [],
    deliver: null,
    sentEmptyStep1: false,
    unclaimed: setTimeout(() => {
      if (slot(scope)[SLOT] !== waiting) return
      delete slot(scope)[SLOT]
      socket.close()
    }, CLAIM_WITHIN_MS)
  }
  // Registered first, so the request for the map leaves before anyone else hears of the open.
  socket.addEventListener('open', () => {
    socket.send(EMPTY_SYNC_STEP_1)
    waiting.sentEmptyStep1 = true
  })
  const keep = (event: Event) => (waiting.deliver ? waiting.deliver(event) : waiting.events.push(event))
  for (const type of ['open', 'message', 'close', 'error'] as const) socket.addEventListener(type, keep)
  slot(scope)[SLOT] = waiting
}

/**
 * The socket opened early for `url`, wrapped to look new to y-websocket, or null (none, or one for
 * another address, which is closed: a token exchanged since, say).
 */
export function takeEarlySocket(url: string, scope: object = globalThis): AdoptedSocket | null {
  const waiting = slot(scope)[SLOT]
  if (!waiting) return null
  delete slot(scope)[SLOT]
  clearTimeout(waiting.unclaimed)
  if (waiting.url !== url) {
    waiting.socket.close()
    return null
  }
  return new AdoptedSocket(waiting)
}

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill`: the early socket when it is for this
 * address and not yet taken, else a new one of `Base`.
 */
export function adoptingWebSocket(Base: new (url: string, protocols?: string | string[]) => SocketLike = WebSocket, scope: object = globalThis): typeof WebSocket {
  return function AdoptingWebSocket(url: string, protocols?: string | string[]) {
    return takeEarlySocket(url, scope) ?? new Base(url, protocols)
  } as unknown as typeof WebSocket
}

type Handler = ((event: Event) => void) | null

/** The early socket as the provider sees it: handlers set after the fact still hear everything, in order. */
export class AdoptedSocket {
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  onopen: Handler = null
  onmessage: Handler = null
  onclose: Handler = null
  onerror: Handler = null
  /** Whether the provider's first sync step 1 (sent when it hears the open) is still to come. */
  private firstStep1 = true

  constructor(private readonly waiting: Waiting) {
    // y-websocket sets its handlers right after construction: replay once they are all in place.
    queueMicrotask(() => {
      const earlier = waiting.events.splice(0)
      waiting.deliver = (event) => this.dispatch(event)
      for (const event of earlier) this.dispatch(event)
    })
  }

  get readyState(): number {
    return this.waiting.socket.readyState
  }

  get binaryType(): string {
    return 'arraybuffer'
  }

  set binaryType(_type: string) {
    // Always arraybuffer: set when the socket was opened, before anything arrived.
  }

  send(data: Uint8Array | ArrayBuffer): void {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
    if (this.firstStep1 && bytes[0] === 0 && bytes[1] === 0) {
      this.firstStep1 = false
      if (this.waiting.sentEmptyStep1 && sameBytes(bytes, EMPTY_SYNC_STEP_1)) return
    }
    this.waiting.socket.send(data)
  }

  close(code?: number, reason?: string): void {
    this.waiting.socket.close(code, reason)
  }

  private dispatch(event: Event): void {
    const handler = { open: this.onopen, message: this.onmessage, close: this.onclose, error: this.onerror }[event.type]
    handler?.call(this, event)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
