import { openEarlySocket } from '../../controllers/early-socket'
import { syncUrl } from '../../controllers/sync-url'
import { isGroupToken } from '../../model/token'
import { readBoardAddress } from '../boot/board-address'

/**
 * The board page's first script, a bundle of its own loaded `async` beside the board's modules: opens
 * the board's socket and asks for the map while those still load (see early-socket.ts). Not for a
 * group link's token (it cannot sync: the page first asks the visitor's name) nor offline.
 */
const { boardId, token } = readBoardAddress()
if (boardId && token && !isGroupToken(token) && navigator.onLine) openEarlySocket(syncUrl(boardId, token))
