import { groupOf, type Group } from '../../shared/roles'
import type { HistoryService } from '../history/history-service'
import { ParticipantDirectory } from '../history/participant-directory'
import type { MetadataStore } from '../store/metadata'

/**
 * Creator's group (B brand, U customer) by element id, as of `at` when given, for the JSON file's
 * `creatorGroup` and the SVG's group colours: read from the derived history's element events. An
 * element's creator is the author of its latest `create` (a key reused after a delete belongs to
 * whoever made it again); facilitators, the owner and the server are in neither group, so their
 * elements carry none. Without derived history (an app built alone in tests) nothing is known.
 */
export async function creatorsOf(
  history: HistoryService | undefined,
  metadata: MetadataStore,
  boardId: string,
  at?: number
): Promise<Record<string, Group>> {
  const creators: Record<string, Group> = Object.create(null) as Record<string, Group>
  if (!history) return creators
  const directory = await ParticipantDirectory.load(metadata, boardId)
  await history.records(boardId, at ?? Infinity, (r) => {
    for (const e of r.events) {
      if (e.kind !== 'create') continue
      const group = groupOf(directory.role(r.participantId))
      if (group) creators[e.elementId] = group
      else delete creators[e.elementId]
    }
  })
  return creators
}
