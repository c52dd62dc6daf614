import { isBoardId } from '../../../shared/board-id'

/** What a facilitator page (/replay/:boardId, /report/:boardId) needs to boot. */
export interface FacilitatorPage {
  /** Where the element goes. */
  container: Element
  /** The custom element to create; it receives `boardId` and `token`. */
  element: string
  /** Names the page in messages and in the session-storage key of its token. */
  name: 'replay' | 'report'
}

/**
 * Boots a facilitator page: takes the token out of the address bar (`?token=` or `#token=`; it is a
 * credential, and a reload or a shared screenshot must not show it), keeps it for this tab only, and
 * puts the page's element in place.
 */
export function bootFacilitatorPage({ container, element, name }: FacilitatorPage): void {
  const boardId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '')
  if (!isBoardId(boardId)) {
    container.textContent = 'This address does not point to a board.'
    return
  }
  const tokenKey = `common-ground:${name}-token:${boardId}`
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
    container.textContent = `The ${name} needs a facilitator link. Open it from the console.`
    return
  }
  const page = Object.assign(document.createElement(element), { boardId, token })
  container.replaceChildren(page)
}
