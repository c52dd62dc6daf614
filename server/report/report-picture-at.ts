import type { BoardEvent } from '../../shared/events/element-event'
import type { HistoryService } from '../history/history-service'
import { ParticipantDirectory } from '../history/participant-directory'
import { historyEvents } from '../history/score-inputs'
import type { MetadataStore } from '../store/metadata'
import { creatorGroups, type ReportPictures } from './report-picture'

export interface PictureDeps {
  history: HistoryService
  metadata: MetadataStore
  pictures: ReportPictures
}

/**
 * The report's picture of the map at `at` (`GET …/report/picture`), outlined by who created what
 * among the scope's events (those at or after `from`), as the report's own figures read them: the
 * board's score log when it can answer, else the derived history read afresh.
 */
export async function reportPictureAt(deps: PictureDeps, boardId: string, at: number, from: number): Promise<string> {
  const [{ map, seq }, events] = await Promise.all([deps.history.mapAt(boardId, at), scopeEvents(deps, boardId, at, from)])
  return deps.pictures.picture(boardId, map, seq, creatorGroups(events, at))
}

async function scopeEvents(deps: PictureDeps, boardId: string, at: number, from: number): Promise<readonly BoardEvent[]> {
  const [directory, log] = await Promise.all([ParticipantDirectory.load(deps.metadata, boardId), deps.history.scoreLog(boardId)])
  if (log === null) return historyEvents(deps.history, boardId, directory, from, at)
  log.syncRoles(directory)
  return log.events(directory, { from, at, lastSeq: log.seq })
}
