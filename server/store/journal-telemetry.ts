/** What a journal implementation reports about its durability work; no metrics library behind it here. */
export interface JournalTelemetry {
  /** Seconds one fsync/fdatasync of a journal took (one group of appends). */
  fsynced(seconds: number): void
}

export const NO_JOURNAL_TELEMETRY: JournalTelemetry = { fsynced() {} }
