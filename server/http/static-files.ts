import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export type ContentEncoding = 'br' | 'gzip'

/** One built file as it is served: its bytes, a strong ETag, and its compressed forms once asked for. */
export interface StaticFile {
  readonly body: Uint8Array<ArrayBuffer>
  readonly etag: string
  /** The file in `encoding`; null when compressing would not make it smaller. */
  encoded(encoding: ContentEncoding): Promise<Uint8Array<ArrayBuffer> | null>
}

/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|json|map|svg)$/
/** Below this, the headers cost about what compression saves. */
const MIN_COMPRESS_BYTES = 1024

/**
 * The client's built files, served from memory: read on first request and again only when the file on
 * disk changes (its size or modification time; a rebuild under a running server is picked up), their
 * gzip and brotli forms made once, off the event loop, on first request for them. Every page load asks
 * for the same few dozen files, so reading and compressing them per request was work repeated for
 * nothing.
 */
export class StaticFiles {
  private readonly files = new Map<string, { size: number; mtimeMs: number; file: CachedFile }>()

  constructor(private readonly dir: string) {}

  /** The file at `name` (a path already checked to stay inside the folder), or null if there is none. */
  async get(name: string): Promise<StaticFile | null> {
    const path = join(this.dir, name)
    let info
    try {
      info = await stat(path)
    } catch {
      return null
    }
    if (!info.isFile()) return null
    const known = this.files.get(name)
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.file
    let body: Buffer
    try {
      body = await readFile(path)
    } catch {
      return null
    }
    const file = new CachedFile(new Uint8Array(body), COMPRESSIBLE.test(name))
    this.files.set(name, { size: info.size, mtimeMs: info.mtimeMs, file })
    return file
  }
}

class CachedFile implements StaticFile {
  readonly etag: string
  private readonly forms = new Map<ContentEncoding, Promise<Uint8Array<ArrayBuffer> | null>>()

  constructor(
    readonly body: Uint8Array<ArrayBuffer>,
    private readonly compressible: boolean
  ) {
    this.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  }

  encoded(encoding: ContentEncoding): Promise<Uint8Array<ArrayBuffer> | null> {
    if (!this.compressible || this.body.byteLength < MIN_COMPRESS_BYTES) return Promise.resolve(null)
    let form = this.forms.get(encoding)
    if (!form) {
      form = compress(this.body, encoding).then(
        (bytes) => (bytes.byteLength < this.body.byteLength ? bytes : null),
        () => null
      )
      this.forms.set(encoding, form)
    }
    return form
  }
}

async function compress(body: Uint8Array, encoding: ContentEncoding): Promise<Uint8Array<ArrayBuffer>> {
  const out =
    encoding === 'br'
      ? // Quality 9: within a few per cent of 11's size at a fraction of its time (made once per file).
        await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
      : await gzipAsync(body, { level: 9 })
  return new Uint8Array(out)
}

/**
 * The encoding to answer an Accept-Encoding header with: brotli if the client takes it, else gzip, else
 * none. A coding listed with q=0 is refused; `*` stands for any coding not listed.
 */
export function pickEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  if (!acceptEncoding) return null
  const q = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (!coding) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam === undefined ? 1 : Number(qParam.slice(2))
    q.set(coding, Number.isFinite(value) ? value : 0)
  }
  const accepts = (coding: ContentEncoding) => (q.get(coding) ?? q.get('*') ?? 0) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip')) return 'gzip'
  return null
}

/** Whether an If-None-Match header names `etag` (or is `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag === etag || tag === `W/${etag}`
  })
}
