/**
 * The y-websocket message types (the first varuint of every frame), plus our opt-in extensions that
 * stock clients never send, so never receive: the journal acknowledgement (100, docs/api.md "Journal acknowledgement") and
 * board events (101: sessions, lock, timer, views; see board-events.ts). Server and client both read
 * the numbers from here.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  journalAck: 100,
  boardEvents: 101
} as const
