import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { EMBED_API } from '../../shared/api/routes/embed-routes'
import type { EmbedAllowed } from '../../shared/api/embed'
import { ApiClient } from '../api/api-client'

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
    const url = new ApiClient('', `${base.origin}${base.pathname}`).url(EMBED_API.allowed, { boardId })
    if (url === this.asked) return
    this.asked = url
    this.state = 'checking'
    fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' })
      // Asked without a token or cookie (ApiClient.call would send a bearer): a plain fetch of the table's URL.
      .then((res) => (res.ok ? (res.json() as Promise<Partial<EmbedAllowed>>) : { allowed: true }))
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
