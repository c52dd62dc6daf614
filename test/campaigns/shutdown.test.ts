import { expect, it } from 'vitest'
import { shutdownCampaign } from './shutdown-campaign'

// Quick form; the long one is `npm run campaign -- shutdown --long` (200 clients on 20 boards).
it('shutdown campaign (quick): SIGTERM under edits closes with 1012, exits 0 within 5 s, loses and doubles nothing', async () => {
  const f = await shutdownCampaign({ seed: 1, long: false, log: () => {}, boards: 3, perBoard: 4, warmupMs: 1000, editEveryMs: 200 })
  expect(f.exitCode).toBe(0)
  expect(f.exitMs).toBeLessThan(5000)
  expect(f.closeCodes).toEqual({ 1012: f.connectedAtSigterm })
  expect(f.newcomersKeptOpen).toBe(0)
  expect(f.receivedEditsChecked).toBeGreaterThan(0)
  expect(f.lost).toBe(0)
  expect(f.journaled).toBe(f.editsMade)
  expect(f.duplicated).toBe(0)
  expect(f.secondExitCode).toBe(0)
}, 120_000)
