// Clock, percentiles and /proc readings shared by the orchestrator and the load generators.
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

// Wall-clock milliseconds with sub-ms resolution. Load generators are separate processes on the
// same machine, so this is comparable between a sender and its receivers (Date.now() is too coarse).
export const now = () => performance.timeOrigin + performance.now()

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const v of sorted) sum += v
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : null,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null
  }
}

let clockTicks
export function clockTicksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** User+system CPU seconds of a process, all its threads (libuv's fsync pool included). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces; the fields after its closing paren don't.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / clockTicksPerSecond()
}

/** Busy CPU seconds of the whole machine (all cores), to tell how much else was running. */
export function machineBusySeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return (user + nice + system + irq + softirq + steal) / clockTicksPerSecond()
}

/** { rssKb, hwmKb } from /proc/<pid>/status, or null once the process is gone. */
export function memoryKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const read = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN)
    return { rssKb: read('VmRSS'), hwmKb: read('VmHWM') }
  } catch {
    return null
  }
}

/** Samples VmRSS every `intervalMs` and keeps the maximum; VmHWM covers what polling misses. */
export function startRssSampler(pid, intervalMs = 200) {
  let peakKb = 0
  let hwmKb = 0
  const sample = () => {
    const m = memoryKb(pid)
    if (!m) return
    if (m.rssKb > peakKb) peakKb = m.rssKb
    if (m.hwmKb > hwmKb) hwmKb = m.hwmKb
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  return {
    stop() {
      sample()
      clearInterval(timer)
      return { peakRssKb: peakKb, hwmKb }
    }
  }
}

export function hostInfo() {
  let cpuModel = 'unknown'
  let cpus = 0
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpuModel
    cpus = (info.match(/^processor\s*:/gm) ?? []).length
  } catch {
    // not Linux: leave unknown
  }
  let nproc = cpus
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim())
  } catch {
    // keep /proc/cpuinfo's count
  }
  return { nproc, cpuModel, node: process.version }
}
