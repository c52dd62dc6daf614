/**
 * What a browser test's unit of work costs the machine in each browser the tests can run in: a
 * fresh context (as every e2e test opens several) loading a board page until it is live, held open
 * half a second, closed. CPU is the browser's whole process tree (its renderers and helpers, reaped
 * ones included), read from /proc; the server runs in this process and is not counted. Rounds
 * alternate the browsers, so a busy machine weighs on both alike.
 * Run: `npm run build && npx tsx test/bench/test-browser.ts` (PAGES=10 ROUNDS=3 by default).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { BROWSER_ARGS } from '../support/browser'
import { startTestServer } from '../support/server'

const PAGES = Number(process.env.PAGES ?? 10)
const ROUNDS = Number(process.env.ROUNDS ?? 3)
const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'].filter((p) => existsSync(p))
const TICKS_PER_SECOND = 100

/** utime + stime of a process and of its children it has reaped, in seconds. */
function cpuOf(pid: number): { own: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]))
    return { own: (utime! + stime! + cutime! + cstime!) / TICKS_PER_SECOND, ppid: Number(fields[1]) }
  } catch {
    return null
  }
}

/** CPU seconds of `root` and every live descendant. */
function treeCpu(root: number): number {
  const procs = new Map<number, { own: number; ppid: number }>()
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    const p = Number.isInteger(pid) ? cpuOf(pid) : null
    if (p) procs.set(pid, p)
  }
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && procs.has(pid) && inTree(procs.get(pid)!.ppid))
  let total = 0
  for (const [pid, p] of procs) if (inTree(pid)) total += p.own
  return total
}

async function measure(executablePath: string, url: string): Promise<{ cpu: number; wall: number }> {
  // As the suite does (browser-servers.ts): one browser server, connected to.
  const server = await chromium.launchServer({ executablePath, headless: true, args: BROWSER_ARGS })
  const pid = server.process().pid!
  const browser = await chromium.connect(server.wsEndpoint())
  // The launch is paid once per worker in the suite, not per test: counted from here.
  const before = treeCpu(pid)
  const start = performance.now()
  for (let i = 0; i < PAGES; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, serviceWorkers: 'block' })
    const page = await ctx.newPage()
    await page.goto(url)
    await page.locator('cg-status .text').filter({ hasText: /All changes saved|Connected/ }).waitFor({ timeout: 20_000 })
    await page.waitForTimeout(500)
    await ctx.close()
  }
  const wall = (performance.now() - start) / PAGES
  const cpu = (treeCpu(pid) - before) / PAGES
  await browser.close()
  await server.close()
  return { cpu, wall }
}

const server = await startTestServer()
const { id } = await server.createBoard('Bench', 'What does a test page cost?')
const { url } = await server.invite(id, 'brand', 'Bea')
const results = new Map<string, { cpu: number[]; wall: number[] }>(BROWSERS.map((b) => [b, { cpu: [], wall: [] }]))
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 ? [...BROWSERS].reverse() : BROWSERS) {
    const m = await measure(b, url)
    results.get(b)!.cpu.push(m.cpu)
    results.get(b)!.wall.push(m.wall)
  }
}
await server.close(true)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`Per context with a board page, ${PAGES} pages × ${ROUNDS} rounds (median of rounds):`)
for (const [b, m] of results) {
  console.log(`  ${b}: ${median(m.cpu).toFixed(2)} s of the browser's CPU, ${(median(m.wall) / 1000).toFixed(2)} s wall (rounds: ${m.cpu.map((c) => c.toFixed(2)).join(', ')} s)`)
}
if (BROWSERS.length === 2) {
  const [full, shell] = BROWSERS.map((b) => results.get(b)!)
  console.log(`  headless shell ÷ chromium: CPU ${(median(shell!.cpu) / median(full!.cpu)).toFixed(2)}×, wall ${(median(shell!.wall) / median(full!.wall)).toFixed(2)}×`)
}
