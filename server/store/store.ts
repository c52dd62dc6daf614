import type { HistoryStore } from './history'
import type { JournalStore } from './journal'
import type { MetadataStore } from './metadata'
import type { SecretKeeper } from './secrets'
import type { SnapshotStore } from './snapshots'

/** Everything the service persists: metadata plus one journal per board. */
export interface Store {
  metadata: MetadataStore
  journals: JournalStore
  snapshots: SnapshotStore
  /** Derived history (events, map changes, keyframes) per board: a cache of the journals. */
  history: HistoryStore
  /** Where secrets shared by every instance live; absent: files in DATA_DIR. */
  secrets?: SecretKeeper
  close(): Promise<void>
}
