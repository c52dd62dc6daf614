import { canWrite } from '../../shared/roles'
import { boardTypes } from '../../shared/schema/board-doc'
import { migrateBoardDoc } from '../../shared/schema/migrations'
import type { RoomPolicy } from '../sync/room-policy'
import { reviewBoardChange } from './board-change-review'

/**
 * The rules of a Common Ground board, for its room: viewers only read; a locked board leaves only
 * facilitators writing; every writer's change keeps the board document's schema and limits (see
 * reviewBoardChange); the server migrates documents as they load.
 */
export const boardPolicy: RoomPolicy = {
  isReadonly: (participant) => !canWrite(participant.role),
  review(transaction, { participant, locked }) {
    if (!canWrite(participant.role, locked)) return canWrite(participant.role) ? 'locked' : 'read-only'
    return reviewBoardChange(transaction, participant.role)
  },
  upgrade: (doc) => migrateBoardDoc(doc),
  declareTypes: (doc) => void boardTypes(doc)
}
