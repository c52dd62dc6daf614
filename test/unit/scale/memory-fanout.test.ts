import { fanoutContract } from '../../scale/fanout-contract'
import { MemoryFanoutHub, type MemoryFanout } from '../../support/memory-fanout'

// The in-process fan-out the sync core's tests use is held to the Redis fan-out's contract.
fanoutContract('in-memory fan-out', async () => {
  const hub = new MemoryFanoutHub()
  const made: MemoryFanout[] = []
  return {
    instance: async () => {
      const fanout = hub.instance()
      made.push(fanout)
      return fanout
    },
    dispose: async () => {
      for (const f of made) await f.close()
    }
  }
})
