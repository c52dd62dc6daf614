import type { Access } from '../auth/access'
import type { BoardFanout } from '../sync/board-fanout'
import type { RoomRegistry } from '../sync/room-registry'

/**
 * Makes the access changes made on this instance reach the connections of every instance: a
 * revocation or an archived board closes sockets wherever they are, and a lock applies everywhere
 * at once (each instance reads it from the store only when it loads a board).
 * Locks, ended sessions and the other board events are published by the registry itself
 * (`setLocked`, `notifySessionEnded`, `events`).
 */
export function relayAccessChanges(fanout: BoardFanout, access: Access, registry: RoomRegistry): void {
  // An ejection heard from another instance is applied here through `access.eject`, whose listeners
  // include the one below: it must not go back out.
  let applyingRemote = false
  access.onEject((e) => {
    if (!applyingRemote) {
      const participantIds = e.participantIds === 'all' ? 'all' : [...e.participantIds]
      fanout.publishControl({ kind: 'eject', boardId: e.boardId, participantIds, code: e.code, reason: e.reason })
    }
    return 0
  })
  fanout.onControl((message) => {
    if (message.kind === 'lock') return registry.applyLock(message.boardId, message.locked)
    // Not access, but the same kind of board-wide notice: published by the registry like a lock.
    if (message.kind === 'session-ended') return void registry.applySessionEnded(message.boardId, message.sessionId)
    if (message.kind === 'board-state') return void registry.events.applyState(message.boardId)
    if (message.kind === 'bring-everyone') return void registry.events.applyBringEveryone(message.boardId, { by: message.by, view: message.view })
    applyingRemote = true
    try {
      access.eject(message)
      // As the routes do: the registry covers rooms fed by anything but the sync endpoint.
      const ids = message.participantIds === 'all' ? null : new Set(message.participantIds)
      registry.disconnect(message.boardId, (p) => ids === null || ids.has(p.id), message.code, message.reason)
    } finally {
      applyingRemote = false
    }
  })
}
