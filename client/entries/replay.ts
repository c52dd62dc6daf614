import '../replay/cg-replay'
import { isBoardId } from '../../shared/board-id'

/**
 * The replay page (/replay/:boardId?token=… or #token=…) for facilitators and admins: takes the
 * token out of the address bar (it is a credential) and puts a <cg-replay> on the page.
 */
function boot(): void {
  const boardId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '')
  const main = document.querySelector('main')!
  if (!isBoardId(boardId)) {
    main.textContent = 'This address does not point to a board.'
    return
  }
  const tokenKey = `common-ground:replay-token:${boardId}`
  const params = new URLSearchParams(location.search)
  const hash = new URLSearchParams(location.hash.slice(1))
  let token = params.get('token') ?? hash.get('token')
  if (token) {
    sessionStorage.setItem(tokenKey, token)
    params.delete('token')
    const query = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}`)
  } else {
    token = sessionStorage.getItem(tokenKey)
  }
  if (!token) {
    main.textContent = 'The replay needs a facilitator link. Open it from the console.'
    return
  }
  const replay = document.createElement('cg-replay')
  replay.boardId = boardId
  replay.token = token
  main.replaceChildren(replay)
}

boot()
