import { CgBoard } from '../board/cg-board'
import { isGroupToken, joinGroup, rememberedJoin, rememberJoin } from '../model/join-group'

/**
 * The script partner pages load (`<script type="module" src="PUBLIC_URL/embed.js">`, which imports
 * this bundle): it defines `<cg-board board-id token server>`. A token of a group link is exchanged
 * for the visitor's own when they give their name in the board's name dialog (or at once, when this
 * browser joined through that link before).
 */
export { CgBoard }

/** Set (static `joinsGroups = true`) once <cg-board> exchanges group tokens itself; then this steps aside. */
const boardJoinsGroups = () => (CgBoard as unknown as { joinsGroups?: boolean }).joinsGroups === true

/** Swaps a group link's token for a personal one this browser got through it before. */
function useRememberedJoin(board: CgBoard): void {
  if (!isGroupToken(board.token)) return
  const before = rememberedJoin(board.token)
  if (before && before.boardId === board.boardId) board.token = before.token
}

// Boards already on the page were upgraded when the element was defined (on import, above); their
// first render is still a microtask away, so a remembered token is in place before they connect.
if (!boardJoinsGroups()) for (const board of document.querySelectorAll('cg-board')) useRememberedJoin(board)

// The board asks a visitor with a nameless token for a name; with a group link's token, that name is
// what they join with.
document.addEventListener('cg-name', (e) => {
  if (boardJoinsGroups()) return
  const board = e.composedPath().find((n): n is CgBoard => n instanceof CgBoard)
  if (!board || !isGroupToken(board.token)) return
  const groupToken = board.token
  joinGroup({ token: groupToken, name: (e as CustomEvent<string>).detail, server: board.server }).then(
    (joined) => {
      rememberJoin(groupToken, joined)
      if (board.token === groupToken) board.token = joined.token
    },
    (err: Error) => {
      board.dispatchEvent(new CustomEvent('cg-join-error', { detail: err.message, bubbles: true, composed: true }))
    }
  )
})
