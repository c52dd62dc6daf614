import type { Metric, Registry } from 'prom-client'

interface Sample {
  labels: { le?: number | string }
  value: number
  metricName: string
}

/**
 * A label-free histogram for the relay's hot path, exposed exactly as a prom-client Histogram is.
 * prom-client's `observe` builds a closure, hashes labels and walks buckets kept as object keys: a
 * few microseconds per call, paid on every update and every fsync. Here an observation is a bucket
 * search and three additions; the exposition is built only when scraped.
 */
export class HotHistogram {
  readonly type = 'histogram' as const
  readonly aggregator = 'sum' as const
  private readonly counts: Float64Array
  private total = 0
  private sum = 0

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
    registry: Registry
  ) {
    // The last slot counts what is above every bound (+Inf).
    this.counts = new Float64Array(upperBounds.length + 1)
    registry.registerMetric(this as unknown as Metric)
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return
    const bounds = this.upperBounds
    let i = 0
    while (i < bounds.length && value > bounds[i]!) i++
    this.counts[i]!++
    this.total++
    this.sum += value
  }

  /** Observations so far. */
  get count(): number {
    return this.total
  }

  /** What the registry formats (the shape of prom-client's own `Histogram.get`). */
  get(): Promise<{ name: string; help: string; type: 'histogram'; values: Sample[]; aggregator: 'sum' }> {
    const values: Sample[] = []
    let cumulative = 0
    for (let i = 0; i < this.upperBounds.length; i++) {
      cumulative += this.counts[i]!
      values.push({ labels: { le: this.upperBounds[i]! }, value: cumulative, metricName: `${this.name}_bucket` })
    }
    values.push({ labels: { le: '+Inf' }, value: this.total, metricName: `${this.name}_bucket` })
    values.push({ labels: {}, value: this.sum, metricName: `${this.name}_sum` })
    values.push({ labels: {}, value: this.total, metricName: `${this.name}_count` })
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator })
  }

  reset(): void {
    this.counts.fill(0)
    this.total = 0
    this.sum = 0
  }
}
