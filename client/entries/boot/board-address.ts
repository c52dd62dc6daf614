import { isBoardId } from '../../../shared/board-id'

/** Where the board page's token is kept for this tab, so that a reload (also offline) still has it. */
export const tokenKey = (boardId: string) => `common-ground:token:${boardId}`

/**
 * The board page's address (/b/:boardId?token=…): its board id (null when the path names none) and
 * the invite token, from the address or else from this tab's storage. Read alike by the page and by
 * its early socket (client/entries/early/board-socket.ts); only the page takes the token out of the
 * address bar.
 */
export function readBoardAddress(): { boardId: string | null; token: string | null; tokenInAddress: boolean } {
  const boardId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '')
  if (!isBoardId(boardId)) return { boardId: null, token: null, tokenInAddress: false }
  const inAddress = new URLSearchParams(location.search).get('token')
  if (inAddress) return { boardId, token: inAddress, tokenInAddress: true }
  return { boardId, token: sessionStorage.getItem(tokenKey(boardId)), tokenInAddress: false }
}
