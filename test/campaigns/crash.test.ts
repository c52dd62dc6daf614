import { expect, it } from 'vitest'
import { crashCampaign } from './crash-campaign'

// Quick form; the long one is `npm run campaign -- crash --long` (25 kills).
it('crash campaign (quick): kill -9 under 20 writers loses and duplicates nothing', async () => {
  const f = await crashCampaign({ seed: 20261126, long: false, log: () => {}, kills: 2, writers: 20, editEveryMs: 250 })
  expect(f.killsSurvived).toBe(2)
  expect(f.lostAfterKills).toBe(0)
  expect(f.receivedEditsChecked).toBeGreaterThan(0)
  expect(f.journaledEdits).toBe(f.editsMade)
  expect(f.duplicatedEdits).toBe(0)
  expect(f.journalGapFree).toBe(true)
  expect(f.finalExitCode).toBe(0)
}, 120_000)
