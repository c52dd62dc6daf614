import { open } from 'node:fs/promises'

interface Tail {
  /** Where in the board's file the appends belong (the file's length once everything before was written). */
  offset: number
  data: Buffer
}

/**
 * Appends that a board's journal put in the write-ahead log, and so relayed, but could not write to
 * the board's own file (a full disk): the board stopped, and they wait here, in memory, for its next
 * load, which writes them before reading the file. Without this a reload would serve the board
 * without them while the log still held them, and the next start's recovery would then find two
 * different entries for the same place in the file. A restart needs none of it: the log has them.
 */
export class UnwrittenTails {
  private readonly tails = new Map<string, Tail>()

  keep(boardId: string, offset: number, data: Buffer): void {
    // A board whose appends wait here does not load, so it cannot fail again before they are written.
    this.tails.set(boardId, { offset, data })
  }

  /** Whether appends of `boardId` wait to be written. */
  has(boardId: string): boolean {
    return this.tails.has(boardId)
  }

  /**
   * Writes `boardId`'s waiting appends at their place in `path` (dropping whatever a failed write
   * left after it) and syncs them; throws, keeping them, if the file still cannot take them.
   */
  async restore(boardId: string, path: string): Promise<void> {
    const tail = this.tails.get(boardId)
    if (!tail) return
    const handle = await open(path, 'r+')
    try {
      const { size } = await handle.stat()
      if (size < tail.offset) throw new Error(`journal of ${boardId} is shorter (${size} bytes) than where its unwritten appends begin (${tail.offset})`)
      await handle.truncate(tail.offset)
      let written = 0
      while (written < tail.data.length) {
        written += (await handle.write(tail.data, written, tail.data.length - written, tail.offset + written)).bytesWritten
      }
      await handle.datasync()
    } finally {
      await handle.close()
    }
    this.tails.delete(boardId)
  }
}
