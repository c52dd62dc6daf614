import '../board/cg-board'
import { readBoardAddress, tokenKey } from './boot/board-address'
import { tokenPayload } from '../model/token'
import { whenIdle } from '../board/when-idle'

/** When the page is next idle (within 5 s), or in 2 s where the browser cannot say. */
const idle = (run: () => void) => whenIdle(run, 5000, 2000)

/** The lazily loaded parts only a facilitator uses (see board-offline.json). */
const FACILITATOR_PARTS = /\/cg-(facilitator-bar|live-panel)-/

/**
 * The board page (/b/:boardId?token=…): reads the board and the invite token from the address,
 * takes the token out of the address bar (it is a credential: screenshots, shared screens and
 * history should not show it), and puts a <cg-board> on the page.
 */
function boot(): void {
  const { boardId, token, tokenInAddress } = readBoardAddress()
  const main = document.querySelector('main')!
  if (!boardId) {
    main.textContent = 'This address does not point to a board.'
    return
  }
  if (token && tokenInAddress) {
    // Kept for this tab only, so that a reload (also offline) still has it.
    sessionStorage.setItem(tokenKey(boardId), token)
    const params = new URLSearchParams(location.search)
    params.delete('token')
    const query = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`)
  }
  if (!token) {
    main.textContent = 'This board needs an invite link. Open the link you were given to join it.'
    return
  }
  const board = document.createElement('cg-board')
  board.boardId = boardId
  board.token = token
  // The board is this page: keys pressed before anything has focus are its shortcuts.
  board.pageKeys = true
  main.replaceChildren(board)

  // The page shell and its script are cached by a service worker so a reload works offline; the
  // map itself comes from IndexedDB.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/b/' })
      .then(() => navigator.serviceWorker.ready)
      // Once the page has drawn the map and is idle: the worker's fetches stay off the first render.
      .then((registration) => new Promise<ServiceWorkerRegistration>((resolve) => idle(() => resolve(registration))))
      .then(async (registration) => {
        // This first load happened before the worker ran: hand it what to keep, and the parts not
        // loaded yet (the build lists them), so that one first opened offline loads from it too.
        // A participant's worker does not fetch the facilitator's parts (a customer never downloads them).
        const role = tokenPayload(token)?.role
        const participant = role === 'brand' || role === 'customer' || role === 'viewer'
        const current = await fetch('/assets/board-offline.json')
          .then((r) => (r.ok ? (r.json() as Promise<string[]>) : []))
          .catch(() => [])
        const parts = current.filter((u) => !participant || !FACILITATOR_PARTS.test(u))
        const urls = [location.pathname, ...performance.getEntriesByType('resource').map((r) => r.name), ...parts]
        // `current`: every script of this build, so the worker can drop chunks of earlier builds.
        registration.active?.postMessage({ type: 'cache', urls, current })
      })
      .catch(() => {
        // No worker (the server may not serve one): everything works, except reloading offline.
      })
  }
}

boot()
