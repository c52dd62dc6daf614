import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { createLogger } from '../../server/log'
import { RedisFanout } from '../../server/scale/redis-fanout'
import { fanoutContract } from './fanout-contract'

/** The Redis the tests use (CI and `.ci/run` start one at 127.0.0.1:6379). */
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

// Each test's instances talk on channels of their own: tests running at once on the shared Redis never hear each other.
fanoutContract('Redis fan-out', async () => {
  const scope = randomBytes(6).toString('hex')
  const made: RedisFanout[] = []
  return {
    instance: async () => {
      const fanout = new RedisFanout({
        url: TEST_REDIS_URL,
        Redis,
        log: createLogger('silent'),
        // Connected throughout: neither the fallback poll nor the sweep asks rooms to catch up meanwhile.
        pollMs: 60_000,
        sweepMs: 0,
        channelPrefix: `cg-test:${scope}:board:`,
        controlChannel: `cg-test:${scope}:control`
      })
      made.push(fanout)
      // Fails loudly, never skips: without Redis this file fails with a message saying so.
      await fanout.ready(5000)
      return fanout
    },
    dispose: async () => {
      for (const f of made) await f.close()
    }
  }
})
