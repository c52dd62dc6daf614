import { MemoryJournalStore } from '../support/memory-journal'
import { journalContract } from './journal-contract'

// The in-memory journal the sync core's unit tests use is held to the real journals' contract.
journalContract('in-memory journal', async () => {
  const journals = new MemoryJournalStore()
  return { journals, reopen: async () => ({ journals: journals.reopen() }), dispose: async () => {} }
})

// With appends that resolve later, as PostgreSQL's do (the room's pipelined commits are tested on it).
journalContract('in-memory journal, appends committed later', async () => {
  const journals = new MemoryJournalStore(new Map(), true)
  return { journals, reopen: async () => ({ journals: journals.reopen() }), dispose: async () => {} }
})
