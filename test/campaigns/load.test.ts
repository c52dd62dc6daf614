import { expect, it } from 'vitest'
import { loadCampaign } from './load-campaign'

// Quick form; the long one is `npm run campaign -- load --long` (1,000 connections, 100 boards, 5 minutes).
it('load campaign (quick): connections held from load processes, then a restart that every client survives', async () => {
  const f = await loadCampaign({ seed: 3, long: false, log: () => {}, connections: 60, boards: 6, holdSeconds: 4, workers: 2, ratePerClient: 0.5 })
  expect(f.connectionsHeldMin).toBe(60)
  expect(f.closesDuringHold).toBe(0)
  expect(f.boardsConvergedAfterHold).toBe(true)
  expect(f.restartedWith).toBe(30)
  expect(f.sigtermExitCode).toBe(0)
  expect(f.contentUnchangedByRestart).toBe(true)
  expect(f.closeCodes).toHaveProperty('1012', 30)
}, 180_000)
