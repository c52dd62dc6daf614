import type { MetricsParticipant } from '../../shared/metrics'
import type { ParticipantView } from '../../shared/api/history'
import type { Role } from '../../shared/roles'
import { ADMIN_PARTICIPANT_ID } from '../auth/access'
import type { MetadataStore, ParticipantRecord } from '../store/metadata'
import { SYSTEM_PARTICIPANT_ID } from '../sync/server-changes'

export type { ParticipantView }

/**
 * Who a journal author is. The journal stores only ids; names and roles come from metadata. The
 * service owner (connected as 'admin') and the server itself ('system': board creation, migrations,
 * imports) act as facilitators, so they are in neither metric group.
 */
export class ParticipantDirectory {
  private constructor(
    readonly records: readonly ParticipantRecord[],
    private readonly byId: ReadonlyMap<string, ParticipantRecord>
  ) {}

  static async load(metadata: MetadataStore, boardId: string): Promise<ParticipantDirectory> {
    const records = await metadata.listParticipants(boardId)
    return new ParticipantDirectory(records, new Map(records.map((p) => [p.id, p])))
  }

  view(id: string): ParticipantView {
    const p = this.byId.get(id)
    if (p) return { id, name: p.name, role: p.role }
    if (id === ADMIN_PARTICIPANT_ID) return { id, name: 'Admin', role: 'facilitator' }
    if (id === SYSTEM_PARTICIPANT_ID) return { id, name: 'Common Ground', role: 'facilitator' }
    // Not on this board's list (should not happen): counted in no group.
    return { id, name: null, role: 'viewer' }
  }

  role(id: string): Role {
    return this.view(id).role
  }

  /** Participants as equity reads them: those who have connected. */
  connected(): MetricsParticipant[] {
    const participants: MetricsParticipant[] = []
    for (const p of this.records) {
      if (p.firstConnectedAt !== null) participants.push({ id: p.id, role: p.role, firstConnectedAt: p.firstConnectedAt })
    }
    return participants
  }
}
