import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { forgetJoin, isGroupToken, joinGroup, rememberedJoin, rememberJoin } from '../model/join-group'

/**
 * A board given a group link's token (an embed, most often): that token cannot sync, so the board
 * asks the visitor's name first and exchanges the link for their own token (POST /api/join) before
 * it connects at all; it never tries the group token on the socket (which the server refuses).
 * A browser that joined through the link before uses the token it got then.
 */
export class GroupJoinController implements ReactiveController {
  /** The personal token to connect with; null while a name is needed (or for a personal invite). */
  personal: string | null = null
  joining = false
  error: string | null = null
  private group: string | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly where: () => { boardId: string; server: string | null }
  ) {
    host.addController(this)
  }

  hostConnected(): void {}

  /** Called with the board's token whenever it changes. */
  use(token: string): void {
    if (!isGroupToken(token)) {
      this.group = null
      this.personal = null
      return
    }
    if (token === this.group) return
    this.group = token
    this.error = null
    const before = rememberedJoin(token)
    this.personal = before && before.boardId === this.where().boardId ? before.token : null
  }

  /** Whether the board waits for the visitor's name before it can connect. */
  get needsName(): boolean {
    return this.group !== null && this.personal === null
  }

  /** The remembered token was refused (revoked, expired): ask the name again. */
  refused(): void {
    if (!this.group || !this.personal) return
    forgetJoin(this.group)
    this.personal = null
    this.host.requestUpdate()
  }

  async join(name: string): Promise<void> {
    const group = this.group
    if (!group || this.joining) return
    this.joining = true
    this.error = null
    this.host.requestUpdate()
    try {
      const joined = await joinGroup({ token: group, name, server: this.where().server })
      rememberJoin(group, joined)
      if (this.group === group) this.personal = joined.token
    } catch (e) {
      this.error = (e as Error).message
    } finally {
      this.joining = false
      this.host.requestUpdate()
    }
  }
}
