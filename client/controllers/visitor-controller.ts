import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { BoardTarget } from '../board/board-api'
import { storedName, storeName } from '../board/stored-name'
import { readTokenClaims, type TokenClaims } from '../model/token'
import { GroupJoinController } from './group-join-controller'

/** The board's attributes that say who is visiting and where. */
export interface VisitorSource {
  boardId: string
  token: string
  server: string | null
  /** A name the embedding page gives (wins over the token's and a typed one). */
  name: string | null
}

/**
 * Who this visitor is on the board: the token they connect and call the API with (a group link's
 * is first exchanged for their own), the role and name that token says (read, never verified: the
 * server enforces), and the name they typed here, remembered per board on this device.
 */
export class VisitorController implements ReactiveController {
  claims: TokenClaims = readTokenClaims(null)
  /** The name typed into the name dialog. */
  chosenName: string | null = null
  readonly group: GroupJoinController
  private tokenOf: string | null = null
  private claimsOf = ''
  private nameOf: string | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => VisitorSource
  ) {
    host.addController(this)
    this.group = new GroupJoinController(host, () => ({ boardId: this.source().boardId, server: this.source().server }))
  }

  hostConnected(): void {}

  /** Called on every update of the board, before it connects; `refused`: the server closed the socket as unauthorized. */
  check(refused: boolean): void {
    const { token, boardId } = this.source()
    if (token !== this.tokenOf) {
      this.tokenOf = token
      this.group.use(token)
    }
    // A remembered personal token the server no longer takes: ask the visitor's name again.
    if (refused && this.group.personal) this.group.refused()
    // While a group link waits for the visitor's name, its own token says the role they will have.
    const shown = this.sessionToken || token
    if (shown !== this.claimsOf) {
      this.claimsOf = shown
      this.claims = readTokenClaims(shown)
    }
    if (boardId !== this.nameOf) {
      this.nameOf = boardId
      this.chosenName = boardId ? storedName(boardId) : null
    }
  }

  /** The token the board connects and calls the API with: a group link's is first exchanged. */
  get sessionToken(): string {
    return this.group.personal ?? (this.group.needsName ? '' : this.source().token)
  }

  get displayName(): string | null {
    return this.source().name?.trim() || this.claims.name || this.chosenName
  }

  /** Where the board's API calls go, as this visitor. */
  get apiTarget(): BoardTarget {
    const { server, boardId } = this.source()
    return { server: server ?? '', boardId, token: this.sessionToken }
  }

  /** The name dialog's answer: joins a group link with it, or keeps it as this visitor's name here. */
  named(name: string): void {
    if (this.group.needsName) return void this.group.join(name)
    this.chosenName = name
    storeName(this.source().boardId, name)
    this.host.requestUpdate()
  }
}
