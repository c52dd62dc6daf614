import '../board/cg-board'
import '../console/cg-join'
import { isBoardId } from '../../shared/board-id'
import { isGroupToken, rememberedJoin, rememberJoin, tokenStillValid, type Joined } from '../model/join-group'

/**
 * The embed page (/embed/:boardId?token=…), framed by partner sites on the board's allow-list. With a
 * personal token it shows the board; with a group link's token it first asks the visitor's name.
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
  const token = new URLSearchParams(location.search).get('token')
  if (!isBoardId(boardId)) return say('This address does not point to a board.')
  if (!token) return say('This embedded board has no invite token.')

  const showBoard = (personal: string) => {
    const board = document.createElement('cg-board')
    board.boardId = boardId
    board.token = personal
    // The frame is the board's own document: its keys are the board's.
    board.pageKeys = true
    main.replaceChildren(board)
  }
  if (!isGroupToken(token)) return showBoard(token)
  const before = rememberedJoin(token)
  if (before && before.boardId === boardId && (await tokenStillValid(before.token, boardId))) return showBoard(before.token)
  const join = document.createElement('cg-join')
  join.token = token
  join.addEventListener('cg-joined', (e) => {
    const joined = (e as CustomEvent<Joined>).detail
    rememberJoin(token, joined)
    showBoard(joined.token)
  })
  main.replaceChildren(join)
}

void boot()
