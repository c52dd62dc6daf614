import { UPDATE_REFUSALS } from '../../shared/sync/refusal-reasons'

/**
 * Why a client's sync message was refused. Most are sync updates; `too-big` and `before-ready` are any
 * frame (the transport cannot tell an update from awareness before decoding it).
 *  The update refusals of shared/sync/refusal-reasons.ts: the sender is told with message type 2;
 *  rate-limit: 1013; too-big: 1009, a frame over MAX_FRAME_BYTES; malformed: 4400;
 *  journal: 4503, the journal append failed; before-ready: 1013, too much sent before the board loaded;
 *  quota: 1013, the participant's byte quota on the board is spent (all its connections together);
 *  too-many-structs: 4413, one update holds more structs than a board takes in at once.
 */
export const REFUSAL_REASONS = [...UPDATE_REFUSALS, 'rate-limit', 'too-big', 'malformed', 'journal', 'before-ready', 'quota', 'too-many-structs'] as const

export type RefusalReason = (typeof REFUSAL_REASONS)[number]

/**
 * What the sync core reports about itself. It is an interface so that `server/sync/` never depends on a
 * metrics library; the service passes its implementation in, tests and tools use the no-op.
 */
export interface SyncTelemetry {
  /** A client's sync update was journaled and relayed (one that changed nothing is not counted). */
  updateAccepted(): void
  updateRefused(reason: RefusalReason): void
  /** Seconds from receipt of an update to its relay to the board's other connections. */
  relayed(seconds: number): void
  /** A WebSocket was turned away at the upgrade: its close code, or `http-<status>` when no handshake completed. */
  upgradeRefused(code: string): void
}

export const NO_SYNC_TELEMETRY: SyncTelemetry = {
  updateAccepted() {},
  updateRefused() {},
  relayed() {},
  upgradeRefused() {}
}
