import '../report/cg-report'
import { isBoardId } from '../../shared/board-id'

/**
 * The facilitator report page (/report/:boardId#token=…): takes the token out of the address bar
 * (it is a credential) and puts a <cg-report> on the page.
 */
function boot(): void {
  const boardId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '')
  const main = document.querySelector('#report')!
  if (!isBoardId(boardId)) {
    main.textContent = 'This address does not point to a board.'
    return
  }
  const tokenKey = `common-ground:report-token:${boardId}`
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
    main.textContent = 'The report needs a facilitator link. Open it from the console.'
    return
  }
  const report = document.createElement('cg-report')
  report.boardId = boardId
  report.token = token
  main.replaceChildren(report)
}

boot()
