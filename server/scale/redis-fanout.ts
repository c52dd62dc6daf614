import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Logger } from '../log'
import type { BoardChannel, BoardFanout, ControlMessage, FanoutHandlers } from '../sync/board-fanout'
import { decodeControlMessage, encodeControlMessage } from './control-message'
import { decodeFanoutMessage, encodeAwarenessMessage, encodeAwarenessQuery, encodeEntryMessage, INSTANCE_ID_BYTES } from './fanout-message'

export interface RedisFanoutOptions {
  url: string
  /** ioredis's client class, imported by the caller only when Redis is configured. */
  Redis: typeof Redis
  log: Logger
  /** Without Redis, each loaded board reads its journal for new entries this often. */
  pollMs: number
  /**
   * With Redis, each loaded board still reads its journal this often: it closes a gap nobody
   * announces (an instance killed between its commit and its publish). 0: never.
   */
  sweepMs: number
  /** Channel names are this prefix plus the board id. */
  channelPrefix?: string
  /** The one channel every instance hears for control messages. */
  controlChannel?: string
}

/**
 * Journal reads the fan-out asks of rooms at once: a sweep or poll of hundreds of loaded boards
 * must not take every database connection from the appends.
 */
const MAX_CONCURRENT_CATCH_UPS = 4

/** What /metrics shows of the fan-out. */
export interface FanoutStatus {
  readonly connected: boolean
  /** Journal reads made for loaded boards because Redis was unreachable. */
  readonly fallbackPolls: number
}

/**
 * Board fan-out over Redis pub/sub: one channel per board, one publishing and one subscribed
 * connection per instance. Redis only makes it fast: every entry is in the journal before it is
 * published, each room notices a gap in seqs and reads the journal, and while Redis is unreachable
 * rooms poll the journal every `pollMs` instead (presence then stays local until Redis returns).
 */
export class RedisFanout implements BoardFanout, FanoutStatus {
  readonly shared = true
  private readonly instanceId = randomBytes(INSTANCE_ID_BYTES)
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly boards = new Map<string, Set<FanoutHandlers>>()
  private readonly prefix: string
  private readonly controlChannel: string
  private readonly controlListeners: Array<(message: ControlMessage) => void> = []
  private up = false
  private subscribed = false
  private polls = 0
  private pollTimer: NodeJS.Timeout | null = null
  private sweepTimer: NodeJS.Timeout | null = null
  private closed = false
  private sweeping = false

  constructor(private readonly options: RedisFanoutOptions) {
    this.prefix = options.channelPrefix ?? 'cg:board:'
    this.controlChannel = options.controlChannel ?? 'cg:control'
    const common = {
      // Commands fail at once while disconnected: a publish is never worth waiting for (the journal has it).
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
      lazyConnect: true
    }
    this.pub = new options.Redis(options.url, { ...common, connectionName: 'cg-fanout-pub' })
    this.sub = new options.Redis(options.url, { ...common, connectionName: 'cg-fanout-sub' })
    for (const client of [this.pub, this.sub]) {
      // Errors are reported through the status below; ioredis would otherwise log each retry.
      client.on('error', () => {})
      client.on('ready', () => this.refresh())
      client.on('close', () => this.refresh())
      client.on('end', () => this.refresh())
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.hear(channel.toString(), message))
    this.pub.connect().catch(() => {})
    this.sub.connect().catch(() => {})
    this.startPolling()
    if (options.sweepMs > 0) {
      this.sweepTimer = setInterval(() => void this.catchUpAll(false), options.sweepMs)
      this.sweepTimer.unref()
    }
  }

  get connected(): boolean {
    return this.up
  }

  get fallbackPolls(): number {
    return this.polls
  }

  /** Resolves once both connections are ready (or rejects after `timeoutMs`); for start-up logs and tests. */
  async ready(timeoutMs = 5000): Promise<void> {
    const start = Date.now()
    while (!this.up) {
      if (Date.now() - start > timeoutMs) throw new Error(`Redis at ${redact(this.options.url)} is not reachable`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  join(boardId: string, handlers: FanoutHandlers): BoardChannel {
    const channel = this.prefix + boardId
    let set = this.boards.get(boardId)
    if (!set) {
      set = new Set()
      this.boards.set(boardId, set)
      if (this.subscribed) this.subscribe([boardId])
    }
    set.add(handlers)
    return {
      publishEntry: (entry) => this.publish(channel, encodeEntryMessage(this.instanceId, entry)),
      publishAwareness: (update) => this.publish(channel, encodeAwarenessMessage(this.instanceId, update)),
      close: () => {
        const current = this.boards.get(boardId)
        if (!current?.delete(handlers) || current.size > 0) return
        this.boards.delete(boardId)
        if (this.sub.status === 'ready') this.sub.unsubscribe(channel).catch(() => {})
      }
    }
  }

  publishControl(message: ControlMessage): void {
    this.publish(this.controlChannel, encodeControlMessage(this.instanceId, message))
  }

  onControl(listener: (message: ControlMessage) => void): void {
    this.controlListeners.push(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    this.stopPolling()
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.boards.clear()
    this.pub.disconnect()
    this.sub.disconnect()
  }

  private publish(channel: string, message: Buffer): void {
    // Not ready: nobody hears it now, and every instance is polling its journal meanwhile.
    if (this.pub.status !== 'ready') return
    this.pub.publish(channel, message).catch(() => {})
  }

  private hear(channel: string, raw: Buffer): void {
    if (channel === this.controlChannel) return this.hearControl(raw)
    if (!channel.startsWith(this.prefix)) return
    const handlers = this.boards.get(channel.slice(this.prefix.length))
    if (!handlers) return
    const message = decodeFanoutMessage(raw)
    if (!message || message.sender.equals(this.instanceId)) return
    for (const h of handlers) {
      try {
        if (message.kind === 'entry') h.entry(message.entry)
        else if (message.kind === 'awareness') h.awareness(message.update)
        else h.awarenessQuery()
      } catch (err) {
        // Thrown inside ioredis's parser it would end the process; one board's trouble stays its own.
        this.options.log.error({ board: channel.slice(this.prefix.length), err }, 'fan-out message handling failed')
      }
    }
  }

  private hearControl(raw: Buffer): void {
    const decoded = decodeControlMessage(raw)
    if (!decoded || decoded.sender.equals(this.instanceId)) return
    for (const listener of this.controlListeners) {
      try {
        listener(decoded.message)
      } catch (err) {
        this.options.log.error({ err, control: decoded.message.kind }, 'control message handling failed')
      }
    }
  }

  /** Subscribes boards; once Redis confirms, reads what was missed before and asks who is present. */
  private subscribe(boardIds: string[]): void {
    if (boardIds.length === 0) return
    this.sub
      .subscribe(...boardIds.map((id) => this.prefix + id))
      .then(() => {
        for (const id of boardIds) this.publish(this.prefix + id, encodeAwarenessQuery(this.instanceId))
        void this.runCatchUps(boardIds.flatMap((id) => [...(this.boards.get(id) ?? [])]), false)
      })
      .catch(() => {
        // The connection dropped meanwhile: `refresh` subscribes everything again when it is back.
      })
  }

  private refresh(): void {
    if (this.closed) return
    const subReady = this.sub.status === 'ready'
    if (subReady && !this.subscribed) {
      this.subscribed = true
      this.sub.subscribe(this.controlChannel).catch(() => {})
      this.subscribe([...this.boards.keys()])
    } else if (!subReady) {
      this.subscribed = false
    }
    const up = subReady && this.pub.status === 'ready'
    if (up === this.up) return
    this.up = up
    if (up) {
      this.stopPolling()
      this.options.log.info({ redis: redact(this.options.url) }, 'Redis fan-out connected: boards hear other instances at once')
    } else {
      this.startPolling()
      this.options.log.warn(
        { redis: redact(this.options.url), pollMs: this.options.pollMs },
        'Redis fan-out lost: loaded boards poll the journal until it returns'
      )
    }
  }

  private startPolling(): void {
    this.pollTimer ??= setInterval(() => void this.catchUpAll(true), this.options.pollMs)
    this.pollTimer.unref()
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer)
    this.pollTimer = null
  }

  /** Every loaded board reads its journal once; a tick that comes while the last one still reads is skipped. */
  private async catchUpAll(poll: boolean): Promise<void> {
    if (this.sweeping) return
    this.sweeping = true
    try {
      await this.runCatchUps([...this.boards.values()].flatMap((set) => [...set]), poll)
    } finally {
      this.sweeping = false
    }
  }

  private async runCatchUps(all: FanoutHandlers[], poll: boolean): Promise<void> {
    let next = 0
    const worker = async () => {
      while (next < all.length && !this.closed) {
        const handlers = all[next++]!
        if (poll) this.polls++
        await handlers.catchUp().catch(() => {})
      }
    }
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_CATCH_UPS, all.length) }, worker))
  }
}

/** The URL without its password, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'redis'
  }
}
