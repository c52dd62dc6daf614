import { expect, it } from 'vitest'
import { canMountTmpfs, storageCampaign } from './storage-campaign'

// Quick form; the long one is `npm run campaign -- storage --long` (a 15 s fault).
it('storage campaign (quick): a full disk stops one board with 4503, relays nothing unjournaled, and it recovers', async () => {
  // A real fault needs a private mount namespace (root, or unprivileged user namespaces).
  expect(canMountTmpfs(), 'unshare -m with a tmpfs mount must work on this machine').toBe(true)
  const f = await storageCampaign({ seed: 1, long: false, log: () => {}, faultMs: 1500, editEveryMs: 100 })
  expect(f.refusalCodes).toHaveProperty('4503')
  expect(Object.keys(f.refusalCodes as object).every((code) => code === '4503')).toBe(true)
  expect(f.journalEntriesAfterFault).toBe(f.journalEntriesAtFault)
  expect(f.relayedNotJournaled).toBe(0)
  expect(f.keptLocally).toBe(true)
  expect(f.boardBGrewDuringFault).toBeGreaterThan(0)
  expect(f.boardBCloses).toBe(0)
  expect(f.journaledA).toBe(f.editsA)
  expect(f.duplicatedA).toBe(0)
  expect(f.journaledB).toBe(f.editsB)
  expect(f.exitCode).toBe(0)
}, 120_000)
