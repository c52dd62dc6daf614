import type { ReactiveController, ReactiveControllerHost } from 'lit'

export type EmbedOrigin = 'own' | 'checking' | 'allowed' | 'refused'

/**
 * Whether this page may show the board: a board on a partner's page (its `server` is another
 * origin) first asks the server whether the board allows this page's origin, and connects only if
 * it does, so a page the facilitator has not allowed gets a clear message, not an empty box or a
 * refused socket. The server decides again on every request and socket; this only explains.
 */
export class EmbedOriginController implements ReactiveController {
  state: EmbedOrigin = 'own'
  private asked = ''

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  check(boardId: string, server: string | null): void {
    const base = server ? new URL(server, location.href) : null
    if (!boardId || !base || base.origin === location.origin) {
      this.state = 'own'
      return
    }
    const url = `${base.origin}${base.pathname.replace(/\/+$/, '')}/embed/${encodeURIComponent(boardId)}/allowed`
    if (url === this.asked) return
    this.asked = url
    this.state = 'checking'
    fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' })
      .then((res) => (res.ok ? (res.json() as Promise<{ allowed?: boolean }>) : { allowed: true }))
      .then(
        (answer) => this.settle(url, answer.allowed === false ? 'refused' : 'allowed'),
        // Unreachable for now: the socket will say why, or work once the network is back.
        () => this.settle(url, 'allowed')
      )
  }

  private settle(url: string, state: EmbedOrigin): void {
    if (url !== this.asked) return
    this.state = state
    this.host.requestUpdate()
  }
}
