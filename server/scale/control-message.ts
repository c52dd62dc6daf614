import { isMapView } from '../../shared/sync/board-events'
import type { ControlMessage } from '../sync/board-fanout'
import { INSTANCE_ID_BYTES } from './fanout-message'

/** [8-byte sender instance id][JSON]: rare, small, and easier to evolve than a binary layout. */
export function encodeControlMessage(sender: Buffer, message: ControlMessage): Buffer {
  return Buffer.concat([sender, Buffer.from(JSON.stringify(message), 'utf8')])
}

/** Null for anything malformed or unknown (a newer instance during a rolling upgrade). */
export function decodeControlMessage(buf: Buffer): { sender: Buffer; message: ControlMessage } | null {
  if (buf.length <= INSTANCE_ID_BYTES) return null
  let value: unknown
  try {
    value = JSON.parse(buf.toString('utf8', INSTANCE_ID_BYTES))
  } catch {
    return null
  }
  const m = value as Partial<Record<string, unknown>>
  if (typeof m !== 'object' || m === null || typeof m.boardId !== 'string') return null
  const sender = buf.subarray(0, INSTANCE_ID_BYTES)
  if (m.kind === 'session-ended' && typeof m.sessionId === 'string') return { sender, message: { kind: 'session-ended', boardId: m.boardId, sessionId: m.sessionId } }
  if (m.kind === 'lock' && typeof m.locked === 'boolean') return { sender, message: { kind: 'lock', boardId: m.boardId, locked: m.locked } }
  if (m.kind === 'board-state') return { sender, message: { kind: 'board-state', boardId: m.boardId } }
  if (m.kind === 'bring-everyone' && isMapView(m.view) && isPerson(m.by)) {
    return { sender, message: { kind: 'bring-everyone', boardId: m.boardId, by: { id: m.by.id, name: m.by.name }, view: { x: m.view.x, y: m.view.y, w: m.view.w, h: m.view.h } } }
  }
  const ids = m.participantIds
  const validIds = ids === 'all' || (Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
  if (m.kind === 'eject' && validIds && typeof m.code === 'number' && typeof m.reason === 'string') {
    return { sender, message: { kind: 'eject', boardId: m.boardId, participantIds: ids as string[] | 'all', code: m.code, reason: m.reason } }
  }
  return null
}

function isPerson(value: unknown): value is { id: string; name: string | null } {
  const p = value as { id?: unknown; name?: unknown } | null
  return typeof p === 'object' && p !== null && typeof p.id === 'string' && (p.name === null || typeof p.name === 'string')
}
