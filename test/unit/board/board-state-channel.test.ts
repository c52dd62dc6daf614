import { afterEach, describe, expect, it } from 'vitest'
import { BoardStateChannel } from '../../../client/controllers/board-state-channel'

// Node has BroadcastChannel too, with the browser's rule: a message reaches every other channel of
// that name, never the one that posted it.
describe('BoardStateChannel', () => {
  const open: BoardStateChannel[] = []
  const channel = () => {
    const c = new BoardStateChannel()
    open.push(c)
    return c
  }
  afterEach(() => open.splice(0).forEach((c) => c.close()))

  const heardWithin = (listener: BoardStateChannel, ms = 200) =>
    new Promise<string[]>((resolve) => {
      const heard: string[] = []
      const stop = listener.listen((id) => heard.push(id))
      setTimeout(() => {
        stop()
        resolve(heard)
      }, ms)
    })

  it('tells the other tabs which board changed, and not the tab that said it', async () => {
    const board = channel()
    const console_ = channel()
    const heardByConsole = heardWithin(console_)
    const heardByBoard = heardWithin(board)
    board.announce('b1')
    board.announce('b2')
    expect(await heardByConsole).toEqual(['b1', 'b2'])
    expect(await heardByBoard).toEqual([])
  })

  it('ignores what is not a board id, and stops calling once the listener is removed', async () => {
    const console_ = channel()
    const heard: string[] = []
    const stop = console_.listen((id) => heard.push(id))
    const other = new BroadcastChannel(BoardStateChannel.NAME)
    other.postMessage({ board: 7 })
    other.postMessage(null)
    other.postMessage('b1')
    other.postMessage({ board: 'b3' })
    await new Promise((r) => setTimeout(r, 100))
    stop()
    other.postMessage({ board: 'b4' })
    await new Promise((r) => setTimeout(r, 100))
    other.close()
    expect(heard).toEqual(['b3'])
  })

  it('announces again after being closed (a board page that reconnects)', async () => {
    const board = channel()
    const console_ = channel()
    board.announce('b1')
    board.close()
    const heard = heardWithin(console_)
    board.announce('b2')
    expect(await heard).toEqual(['b2'])
  })
})
