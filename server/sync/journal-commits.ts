import type { BoardJournal, JournalEntry } from './journal-port'

/** What a room does with each change once its journal holds it, or once appending failed. */
export interface CommitHandlers<Origin> {
  /** The entry is in the journal: it may now be relayed. Called in seq order. */
  committed(entry: JournalEntry, origin: Origin, receivedAt: number | undefined): void
  failed(error: Error, receivedAt: number | undefined): void
  /** A `committed` handler threw after an asynchronous commit (nothing else would hear of it). */
  handlerFailed(error: Error): void
}

/**
 * Appends a room's changes to its journal, one after another, and hands each entry on once it is
 * there. An embedded journal appends synchronously, so the relay follows with no promise in between;
 * an asynchronous one (PostgreSQL) is pipelined: the next update is applied and appended while this
 * one commits. The journal commits them together and resolves them in order, so relays keep seq
 * order. Whatever could show anyone the document before a commit waits for `settled` (sync answers,
 * a rebuild, closing) or does nothing while appends are `pending` (checkpoints).
 */
export class JournalCommits<Origin> {
  private inFlight = 0
  private last: Promise<void> = Promise.resolve()

  constructor(
    private readonly journal: BoardJournal,
    private readonly handlers: CommitHandlers<Origin>
  ) {}

  /** Whether appends are still committing (the document is then ahead of the journal). */
  get pending(): boolean {
    return this.inFlight > 0
  }

  /** Resolves once every append so far is committed and handed on; never rejects. */
  settled(): Promise<void> {
    return this.last
  }

  /**
   * Runs `then` once the appends so far are handed on: at once if none is in flight, else later, and
   * the promise returned settles after it (a queue task that returns it holds the queue till then).
   */
  afterSettled(then: () => void): void | Promise<void> {
    return this.inFlight > 0 ? this.last.then(then) : then()
  }

  /** `receivedAt` (performance.now() at receipt) is given for a client's update. */
  append(entry: Omit<JournalEntry, 'seq'>, origin: Origin, receivedAt?: number): void {
    let appended: JournalEntry | Promise<JournalEntry>
    try {
      appended = this.journal.append(entry)
    } catch (e) {
      return this.handlers.failed(e as Error, receivedAt)
    }
    if (!(appended instanceof Promise)) return this.handlers.committed(appended, origin, receivedAt)
    this.inFlight++
    this.last = appended
      .then(
        (committed) => {
          this.inFlight--
          this.handlers.committed(committed, origin, receivedAt)
        },
        (e: Error) => {
          this.inFlight--
          this.handlers.failed(e, receivedAt)
        }
      )
      .catch((err: Error) => this.handlers.handlerFailed(err))
  }
}
