import '../console/cg-join'
import { isBoardId } from '../../shared/board-id'
import { rememberedJoin, rememberJoin, tokenStillValid, type Joined } from '../model/join-group'

/**
 * The page of a group link (/join/:boardId?token=GROUP): asks the person's name, exchanges the link
 * for their own token, and goes on to the board with it. A device that joined through this link
 * before goes straight on, as long as its token still works.
 */
async function boot(): Promise<void> {
  const boardId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '')
  const main = document.querySelector('main')!
  const say = (text: string) => {
    const p = document.createElement('p')
    p.className = 'message'
    p.textContent = text
    main.replaceChildren(p)
  }
  if (!isBoardId(boardId)) return say('This address does not point to a board.')
  const key = `common-ground:group-token:${boardId}`
  const params = new URLSearchParams(location.search)
  let token = params.get('token')
  if (token) {
    // A credential: out of the address bar (screens are shared in workshops), kept for a reload.
    sessionStorage.setItem(key, token)
    params.delete('token')
    const query = params.toString()
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}`)
  } else {
    token = sessionStorage.getItem(key)
  }
  if (!token) return say('This link is incomplete. Open the whole link you were given, or scan the QR code again.')

  const groupToken = token
  const before = rememberedJoin(groupToken)
  if (before && before.boardId === boardId && (await tokenStillValid(before.token, boardId))) return location.replace(before.url)

  const join = document.createElement('cg-join')
  join.token = groupToken
  join.addEventListener('cg-joined', (e) => {
    const joined = (e as CustomEvent<Joined>).detail
    rememberJoin(groupToken, joined)
    location.replace(joined.url)
  })
  main.replaceChildren(join)
}

void boot()
