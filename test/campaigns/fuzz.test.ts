import { expect, it } from 'vitest'
import { fuzzCampaign } from './fuzz-campaign'

// Quick form; the long one is `npm run campaign -- fuzz --long` (120,000 frames from 32 connections at a time).
it('fuzz campaign (quick): hostile frames and issue 19’s content attacks leave the server up, bounded, and the board as honest clients made it', async () => {
  const f = await fuzzCampaign({ seed: 8, long: false, log: () => {}, frames: 1000, connections: 8, maxSeconds: 15 })
  expect(f.framesSent).toBeGreaterThanOrEqual(200)
  expect(f.unnamedCloses).toBe(0)
  expect(f.closeCodes).toHaveProperty('4400')
  expect(f.honestConverged).toBe(true)
  // Crafted updates that decode but cannot be applied cost their sender alone, never the honest clients.
  expect(f.honestCloses).not.toHaveProperty('4503')
  expect(f.fuzzEditsJournaled).toBe(0)
  // Issue 19's content attacks (the board's content as honest clients made it is checked above).
  expect(f.oversizedUpdateClose).toBe(4413)
  expect(f.squatClose).toBe('open')
  expect(f.squatRefusal).toBe('client-id')
  expect(f.unappliedAttacksJournaled).toBe(0)
  expect(f.victimEditJournaled).toBe(1)
  expect(f.brandRefusals).toBe('meta-facilitator-only,shape,shape')
  expect(f.brandKeptConnected).toBe(true)
  expect(f.brandTitleKept).toBe(false)
  expect(f.serverUpAfter).toBe(true)
  expect(f.exitCode).toBe(0)
  expect((f.rssPeakMb as number) - (f.rssFirstMb as number)).toBeLessThan(200)
}, 120_000)
