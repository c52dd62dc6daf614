import type { LiveBoardState } from '../../shared/sync/board-events'
import type { MetadataStore } from '../store/metadata'

/**
 * A board's live state as stored: its lock, a timer still running, the marked session running and
 * the latest dot-vote round.
 * What every open board hears on message 101 (see LiveBoardEvents).
 */
export function liveBoardState(metadata: MetadataStore, now: () => number): (boardId: string) => Promise<LiveBoardState> {
  return async (boardId) => {
    const [board, marks, rounds] = await Promise.all([metadata.getBoard(boardId), metadata.listSessionMarks(boardId), metadata.listVoteRounds(boardId)])
    const at = now()
    const timer = board?.timer && board.timer.endsAt > at ? { startedAt: board.timer.startedAt, endsAt: board.timer.endsAt } : null
    const running = marks.find((m) => m.endedAt === null)
    const latest = rounds.at(-1)
    return {
      locked: board?.locked ?? false,
      timer,
      session: running ? { id: running.id, name: running.name, start: running.startedAt } : null,
      vote: latest
        ? { id: latest.id, name: latest.name, dots: latest.dots, open: latest.closedAt === null, openedAt: latest.openedAt, closedAt: latest.closedAt }
        : null,
      now: at
    }
  }
}
