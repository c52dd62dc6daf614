// Interleaved A/B of two client builds: what one change does to the board in a browser, on a
// noisy machine. Two real servers in this process serve the two builds (BENCH_AB_A, BENCH_AB_B:
// dist/client directories), each with the same seeded map; each round opens a fresh page of each,
// alternating which goes first, and measures the first render and remote moves (another client
// drags 20 concepts every 16 ms) at the fitting zoom and at 100 %, as run.ts does: frames a second,
// and the CPU time per frame: the page's main thread's, and every thread's (raster, compositors) from a trace (thread time, so less at the mercy of the load).
//
// With BENCH_AB_WHEEL=1 (desktop), also wheel zoom at the whole-map view, as run.ts drives it.
// With BENCH_AB_FIRST=1, the first render only (its wall time and the main thread's CPU up to it).
//
// Env: BENCH_AB_A, BENCH_AB_B (required), BENCH_AB_ROUNDS (5), BENCH_SIZES (300:450),
// BENCH_PROFILES (phone), BENCH_SECONDS (3), BENCH_PHONE_CPU_THROTTLE (4), BENCH_AB_WHEEL.
import { loadavg } from 'node:os'
import type { Browser } from 'playwright-core'
import * as Y from 'yjs'
import { launchBrowser } from '../../support/browser'
import { stockClient, synced, waitFor } from '../../support/clients'
import { startTestServer, type TestServer } from '../../support/server'
import { FIRST_RENDER } from './first-render'
import { frameStats, instrument, record } from './frames'
import { mainThreadCpu } from './main-thread'
import { seedMap } from './seed-map'

const DIRS = { A: process.env.BENCH_AB_A, B: process.env.BENCH_AB_B }
if (!DIRS.A || !DIRS.B) throw new Error('set BENCH_AB_A and BENCH_AB_B to two dist/client directories')
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const [CONCEPTS, LINKS] = (process.env.BENCH_SIZES ?? '300:450').split(':').map(Number) as [number, number]
const PROFILE = process.env.BENCH_PROFILES ?? 'phone'
const PHONE = PROFILE === 'phone'
const THROTTLE = PHONE ? Number(process.env.BENCH_PHONE_CPU_THROTTLE ?? 4) : 1
const WHEEL = !PHONE && process.env.BENCH_AB_WHEEL === '1'
const FIRST_ONLY = process.env.BENCH_AB_FIRST === '1'

type Variant = 'A' | 'B'
interface Seeded {
  server: TestServer
  seeder: ReturnType<typeof stockClient>
  url: string
  links: number
}

async function seed(dir: string): Promise<Seeded> {
  const server = await startTestServer({ logLevel: 'warn', clientDir: dir })
  const { id } = await server.createBoard('Bench', 'How does a big map feel?')
  const seeder = stockClient(server.wsUrl, id, (await server.invite(id, 'brand', 'Seeder')).token)
  await synced(seeder)
  seedMap(seeder.doc, CONCEPTS, LINKS)
  const check = stockClient(server.wsUrl, id, (await server.invite(id, 'brand', 'Check')).token)
  await synced(check)
  await waitFor(() => check.doc.getMap('concepts').size === CONCEPTS && check.doc.getMap('links').size >= LINKS * 0.95, 30_000, 'seed')
  const links = check.doc.getMap('links').size
  check.destroy()
  return { server, seeder, url: (await server.invite(id, 'customer', 'Watcher')).url, links }
}

async function once(browser: Browser, s: Seeded): Promise<Record<string, number>> {
  const ctx = await browser.newContext({
    viewport: PHONE ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    hasTouch: PHONE,
    isMobile: PHONE,
    bypassCSP: true
  })
  try {
    const page = await ctx.newPage()
    const cdp = await ctx.newCDPSession(page)
    if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
    // The main thread's CPU up to the first render, beside its wall time: less at the mercy of the load.
    const loaded = await mainThreadCpu(cdp, async () => {
      await page.goto(s.url)
      const t = await page.waitForFunction(FIRST_RENDER(CONCEPTS, s.links), undefined, { polling: 'raf', timeout: 120_000 })
      return Math.round((await t.jsonValue()) as number)
    })
    const first = loaded.result
    const firstCpu = Math.round(loaded.cpuMs)
    if (FIRST_ONLY) return { first, firstCpu }
    await page.waitForTimeout(500)
    await instrument(page)
    await page.evaluate('window.__showAll()')
    await page.waitForTimeout(600)
    // Frames a second, and the main thread's CPU time per frame (see mainThreadCpu).
    const window = async (input: () => Promise<void> = async () => {}) => {
      const { result, cpuMs, allCpuMs } = await mainThreadCpu(cdp, async () => {
        const recording = record(page, SECONDS * 1000)
        await input()
        return recording
      })
      const stats = frameStats(result)
      const perFrame = (ms: number) => Math.round((ms / Math.max(1, stats.frames)) * 10) / 10
      return { fps: stats.fps, cpuPerFrame: perFrame(cpuMs), allCpuPerFrame: perFrame(allCpuMs) }
    }
    const wheel: Record<string, number> = {}
    if (WHEEL) {
      const w = await window(async () => {
        await page.mouse.move(640, 400)
        const t0 = Date.now()
        for (let i = 0; Date.now() - t0 < SECONDS * 1000 - 100; i++) {
          await page.mouse.wheel(0, Math.floor(i / 15) % 2 === 0 ? -100 : 100)
          await page.waitForTimeout(8)
        }
      })
      Object.assign(wheel, { wheel: w.fps, wheelCpu: w.cpuPerFrame, wheelAll: w.allCpuPerFrame })
      await page.evaluate('window.__canvas().setMoving(false)')
      await page.evaluate('window.__showAll()')
      await page.waitForTimeout(600)
    }
    const concepts = s.seeder.doc.getMap<Y.Map<unknown>>('concepts')
    const moving = Array.from({ length: 20 }, (_, i) => `c${i}`)
    const start = new Map(moving.map((id) => [id, { x: concepts.get(id)!.get('x') as number, y: concepts.get(id)!.get('y') as number }]))
    let step = 0
    const timer = setInterval(() => {
      step++
      s.seeder.doc.transact(() => {
        for (const id of moving) {
          const p = start.get(id)!
          concepts.get(id)!.set('x', Math.round(p.x + Math.sin(step / 10) * 80))
          concepts.get(id)!.set('y', Math.round(p.y + Math.cos(step / 10) * 40))
        }
      })
    }, 16)
    try {
      const fit = await window()
      const c = start.get(moving[10]!)!
      await page.evaluate(`(() => { const c = window.__canvas(); const s = c.viewportSize(); c.setViewport({ zoom: 1, x: s.w / 2 - ${c.x}, y: s.h / 2 - ${c.y} }) })()`)
      await page.waitForTimeout(600)
      const at100 = await window()
      return {
        first,
        firstCpu,
        ...wheel,
        fit: fit.fps,
        fitCpu: fit.cpuPerFrame,
        fitAll: fit.allCpuPerFrame,
        at100: at100.fps,
        at100Cpu: at100.cpuPerFrame,
        at100All: at100.allCpuPerFrame
      }
    } finally {
      clearInterval(timer)
    }
  } finally {
    await ctx.close()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  const load0 = loadavg()[0]!
  const seeded = { A: await seed(DIRS.A!), B: await seed(DIRS.B!) }
  const browser = await launchBrowser({ purpose: 'bench' })
  const results: Record<Variant, Record<string, number>[]> = { A: [], B: [] }
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order: Variant[] = round % 2 === 0 ? ['A', 'B'] : ['B', 'A']
      for (const v of order) {
        const r = await once(browser, seeded[v])
        results[v].push(r)
        console.error(`round ${round + 1} ${v}: ${JSON.stringify(r)} (load ${loadavg()[0]!.toFixed(1)})`)
      }
    }
  } finally {
    await browser.close()
    for (const s of Object.values(seeded)) {
      s.seeder.destroy()
      await s.server.close(true)
    }
  }
  console.log(`\n${PROFILE}${THROTTLE > 1 ? ` (${THROTTLE}× CPU)` : ''}, ${CONCEPTS} concepts, ${ROUNDS} interleaved rounds, load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}:`)
  const names: Record<string, string> = {
    first: 'first render (ms)',
    firstCpu: 'first render (main-thread CPU ms)',
    ...(FIRST_ONLY
      ? {}
      : {
          ...(WHEEL
            ? {
                wheel: 'wheel zoom, whole map (fps)',
                wheelCpu: 'wheel zoom, whole map (main-thread CPU ms per frame)',
                wheelAll: 'wheel zoom, whole map (all threads CPU ms per frame)'
              }
            : {}),
          fit: 'remote moves, whole map (fps)',
          fitCpu: 'remote moves, whole map (main-thread CPU ms per frame)',
          fitAll: 'remote moves, whole map (all threads CPU ms per frame)',
          at100: 'remote moves, at 100 % (fps)',
          at100Cpu: 'remote moves, at 100 % (main-thread CPU ms per frame)',
          at100All: 'remote moves, at 100 % (all threads CPU ms per frame)'
        })
  }
  for (const [key, name] of Object.entries(names)) {
    const a = results.A.map((r) => r[key]!)
    const b = results.B.map((r) => r[key]!)
    // Pairs of one round: which side did better (more fps, fewer ms).
    const better = a.filter((x, i) => (key === 'fit' || key === 'at100' || key === 'wheel' ? b[i]! > x : b[i]! < x)).length
    console.log(`${name}: A median ${median(a)} [${a.join(', ')}]; B median ${median(b)} [${b.join(', ')}]; B/A ${(median(b) / median(a)).toFixed(2)}; B better in ${better} of ${a.length} rounds`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
