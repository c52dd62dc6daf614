/**
 * The journal is a port the sync core owns (server/sync/journal-port.ts); the stores here implement it.
 * Re-exported so store code names what it implements without reaching into server/sync by path.
 */
export type { BoardJournal, Checkpoint, JournalEntry, JournalStore, LoadedJournal } from '../sync/journal-port'
export { JournalDamagedError } from '../sync/journal-port'
