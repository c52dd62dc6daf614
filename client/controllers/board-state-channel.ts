/**
 * The tabs of one browser telling each other that a board's live state changed (its lock or its
 * running session), so that a console open beside the board's page says so at once instead of at its
 * next reread. Only pages of this origin in this browser hear it; a console elsewhere still rereads
 * on its own (WhileSeen). Where BroadcastChannel is missing, announcing and listening do nothing.
 */
export class BoardStateChannel {
  static readonly NAME = 'common-ground:board-state'
  private channel: BroadcastChannel | null = null

  /** Tells the other tabs that the board `boardId` changed. */
  announce(boardId: string): void {
    this.open()?.postMessage({ board: boardId })
  }

  /** Calls `heard` with the id of each board another tab announces, until the returned function is called. */
  listen(heard: (boardId: string) => void): () => void {
    const channel = this.open()
    if (!channel) return () => {}
    const onMessage = (e: MessageEvent): void => {
      const board = (e.data as { board?: unknown } | null)?.board
      if (typeof board === 'string') heard(board)
    }
    channel.addEventListener('message', onMessage)
    return () => channel.removeEventListener('message', onMessage)
  }

  close(): void {
    this.channel?.close()
    this.channel = null
  }

  private open(): BroadcastChannel | null {
    if (!this.channel && typeof BroadcastChannel === 'function') this.channel = new BroadcastChannel(BoardStateChannel.NAME)
    return this.channel
  }
}
