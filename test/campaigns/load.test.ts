import { expect, it } from 'vitest'
import { loadCampaign } from './load-campaign'

// Quick form; the long one is `npm run campaign -- load --long` (1,000 connections, 100 boards, 5 minutes).
it('load campaign (quick): connections held from load processes through a viewer’s presence flood, then a restart that every client survives', async () => {
  const f = await loadCampaign({
    seed: 3,
    long: false,
    log: () => {},
    connections: 60,
    boards: 6,
    holdSeconds: 4,
    workers: 2,
    ratePerClient: 0.5,
    // The flood with smaller states (its full 28 KB form is test/integration/presence-trust.test.ts's).
    flood: { rounds: 3, messages: 16, idsPerMessage: 256, stateBytes: 2048 }
  })
  expect(f.connectionsHeldMin).toBe(60)
  expect(f.closesDuringHold).toBe(0)
  // The flooding viewer is cut off (1013) each time it comes back; nobody else is.
  expect(f.floodCloses).toEqual({ 1013: 3 })
  expect(f.boardsConvergedAfterHold).toBe(true)
  expect(f.restartedWith).toBe(30)
  expect(f.sigtermExitCode).toBe(0)
  expect(f.contentUnchangedByRestart).toBe(true)
  expect(f.closeCodes).toHaveProperty('1012', 30)
}, 180_000)
