/**
 * Runs tasks one after another. A task that finishes synchronously runs at once, with no promise
 * in between (the embedded journal appends synchronously, so the relay's hot path stays sync);
 * a task that returns a promise holds the queue until it settles. Tasks handle their own errors.
 */
export class SerialQueue {
  private busy = false
  private waiting: Array<() => void | Promise<void>> = []

  enqueue(task: () => void | Promise<void>): void {
    this.waiting.push(task)
    this.drain()
  }

  private resume = (): void => {
    this.busy = false
    this.drain()
  }

  private drain(): void {
    while (!this.busy && this.waiting.length > 0) {
      const task = this.waiting.shift()!
      this.busy = true
      let result: void | Promise<void>
      try {
        result = task()
      } finally {
        if (!(result! instanceof Promise)) this.busy = false
      }
      if (result instanceof Promise) result.then(this.resume, this.resume)
    }
  }

  /** Resolves once every task enqueued so far has finished. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => this.enqueue(resolve))
  }
}
