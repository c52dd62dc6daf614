import type { CDPSession } from 'playwright-core'

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/**
 * The page's main-thread CPU time while `during` runs, from a trace of its top-level tasks: their
 * thread time (`tdur`), which leaves out the time the thread waits for a core, or is held back by
 * the CPU throttling. On a shared machine frame rates follow the load; the CPU a frame costs much
 * less, so an A/B reads both.
 */
export async function mainThreadCpu<T>(cdp: CDPSession, during: () => Promise<T>): Promise<{ result: T; cpuMs: number; allCpuMs: number }> {
  const events: TraceEvent[] = []
  // The protocol types a trace event as a loose object: these are the fields read here.
  const collect = (d: { value: object[] }) => {
    events.push(...(d.value as TraceEvent[]))
  }
  cdp.on('Tracing.dataCollected', collect)
  await cdp.send('Tracing.start', { categories: 'toplevel,__metadata', transferMode: 'ReportEvents' })
  let result: T
  try {
    result = await during()
  } finally {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.end')
    await done
    cdp.off('Tracing.dataCollected', collect)
  }
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
  // Top-level tasks only: one nested in another (a nested run loop) is already in its thread time.
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts)
  let cpu = 0
  let end = -Infinity
  for (const t of tasks) {
    if (t.ts < end) continue
    cpu += (t.tdur ?? 0) / 1000
    end = t.ts + (t.dur ?? 0)
  }
  return { result, cpuMs: cpu, allCpuMs: allThreadsCpu(events) }
}

/**
 * The thread time of every thread's top-level tasks, in every process the trace saw: besides the
 * main thread, the raster workers, the renderer's compositor and the display compositor (software
 * compositing with --disable-gpu), which is where painting a frame's pixels goes.
 */
function allThreadsCpu(events: readonly TraceEvent[]): number {
  const byThread = new Map<string, TraceEvent[]>()
  for (const e of events) {
    if (e.ph !== 'X' || e.tdur === undefined) continue
    const key = `${e.pid}:${e.tid}`
    const list = byThread.get(key) ?? []
    list.push(e)
    byThread.set(key, list)
  }
  let cpu = 0
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts)
    let end = -Infinity
    for (const t of list) {
      if (t.ts < end) continue
      cpu += (t.tdur ?? 0) / 1000
      end = t.ts + (t.dur ?? 0)
    }
  }
  return cpu
}
