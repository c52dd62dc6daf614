// The campaigns' long forms, on demand: `npm run campaign -- <name|all> [--long] [--seed N]`.
// Prints each campaign's figures as JSON lines, with the load average and the machine, so they can
// be copied into docs/operations.md together with the command that produced them.
import { cpus, loadavg } from 'node:os'
import type { CampaignOptions, Figures } from './campaign-support'
import { crashCampaign } from './crash-campaign'
import { fuzzCampaign } from './fuzz-campaign'
import { loadCampaign } from './load-campaign'
import { shutdownCampaign } from './shutdown-campaign'
import { storageCampaign } from './storage-campaign'
import { ISSUE_PRESENCE_FLOOD } from './trust-attacks'

type Runner = (o: CampaignOptions) => Promise<Figures>

const campaigns: Record<string, Runner> = {
  crash: (o) => crashCampaign({ ...o, kills: o.long ? 25 : 2, writers: 20, editEveryMs: 250 }),
  storage: (o) => storageCampaign({ ...o, faultMs: o.long ? 15_000 : 1500, editEveryMs: 100 }),
  load: (o) =>
    loadCampaign({
      ...o,
      ...(o.long ? { connections: 1000, boards: 100, holdSeconds: 300, workers: 4 } : { connections: 100, boards: 10, holdSeconds: 10, workers: 2 }),
      ratePerClient: 0.2,
      flood: o.long ? { rounds: 20, ...ISSUE_PRESENCE_FLOOD } : { rounds: 3, ...ISSUE_PRESENCE_FLOOD, stateBytes: 2048 }
    }),
  shutdown: (o) =>
    shutdownCampaign({ ...o, ...(o.long ? { boards: 20, perBoard: 10, warmupMs: 20_000 } : { boards: 4, perBoard: 5, warmupMs: 1500 }), editEveryMs: 200 }),
  fuzz: (o) =>
    fuzzCampaign({
      ...o,
      frames: Number(process.env.FUZZ_FRAMES ?? (o.long ? 100_000 : 3000)),
      connections: Number(process.env.FUZZ_CONNECTIONS ?? (o.long ? 32 : 8)),
      maxSeconds: o.long ? 1800 : 20
    })
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const long = args.includes('--long')
  const seedAt = args.indexOf('--seed')
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 20261126
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed')
  const selected = names.length === 0 || names.includes('all') ? Object.keys(campaigns) : names
  const unknown = selected.filter((n) => !campaigns[n])
  if (unknown.length > 0) throw new Error(`unknown campaign ${unknown.join(', ')}; known: ${Object.keys(campaigns).join(', ')}`)
  // Each stock y-websocket provider adds a process 'exit' listener; hundreds are expected here.
  process.setMaxListeners(0)
  let failed = false
  for (const name of selected) {
    const started = Date.now()
    const load = loadavg().map((v) => v.toFixed(2)).join(' ')
    console.log(`# ${name} (${long ? 'long' : 'quick'}, seed ${seed}) on ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load ${load}`)
    try {
      const figures = await campaigns[name]!({ seed, long, log: (line) => console.log(`  ${name}: ${line}`) })
      const after = loadavg().map((v) => v.toFixed(2)).join(' ')
      console.log(JSON.stringify({ campaign: name, long, seed, seconds: Math.round((Date.now() - started) / 1000), loadBefore: load, loadAfter: after, at: new Date().toISOString(), ...figures }))
    } catch (e) {
      failed = true
      console.error(`# ${name} FAILED: ${(e as Error).stack ?? e}`)
    }
  }
  // Providers and timers of a failed campaign may still be live; the figures are printed, so leave.
  process.exit(failed ? 1 : 0)
}

void main()
