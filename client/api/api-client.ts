import { fillPath, type HttpMethod, type PathParams, type QueryValues, type RawFile, type ResponseOf, type Route, type AnyRoute } from '../../shared/api/route'

/** A refused or failed call: the HTTP status (0: the server could not be reached) and the server's `error`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

/** A file sent as the body as it is (an import, a stream upload), with its media type. */
export class FileBody implements RawFile {
  readonly raw = true
  constructor(
    readonly file: Blob | string,
    readonly type: string
  ) {}
}

type ParamsPart<P extends string> = [keyof PathParams<P>] extends [never] ? { params?: undefined } : { params: PathParams<P> }
/** A query's free-text parameters also take numbers (a query string holds text either way). */
type QueryInput<Q> = { [K in keyof Q]: Q[K] | (string extends NonNullable<Q[K]> ? number : never) }
type QueryPart<Q> = [Q] extends [undefined] ? { query?: undefined } : { query?: QueryInput<Q> }
type BodyPart<B> = [B] extends [undefined] ? { body?: undefined } : undefined extends B ? { body?: B } : { body: B }

/** What a call of route R takes: its path's params, its query, its body, each only if it has one. */
export type CallInput<R> = R extends Route<HttpMethod, infer P, unknown, infer Q, infer B> ? ParamsPart<P> & QueryPart<Q> & BodyPart<B> : never

/** Leaves the argument out when a route needs nothing. */
type CallArgs<R> = object extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>]

/**
 * The browser's one HTTP client: each call names a route of the shared table (shared/api/routes),
 * which types its params, query, body and answer, so no page writes a path or a response type by
 * hand. The token travels as a bearer header, never in the URL; cookies never (credentials: omit).
 */
export class ApiClient {
  constructor(
    readonly token: string,
    /** The API's origin; empty for this page's own. */
    readonly server = ''
  ) {}

  /** The URL of a route, its params filled in and its query appended. */
  url<R extends AnyRoute>(route: R, params: object = {}, query?: QueryValues): string {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value))
    const qs = search.toString()
    return `${this.server.replace(/\/+$/, '')}${fillPath(route.path, params as PathParams<string>)}${qs ? `?${qs}` : ''}`
  }

  /** A JSON call: the route's answer, typed. */
  async call<R extends AnyRoute>(route: R, ...[input]: CallArgs<R>): Promise<ResponseOf<R>> {
    const res = await this.send(route, input)
    return (await res.json().catch(() => ({}))) as ResponseOf<R>
  }

  /** A call that answers a file (an export): its bytes. */
  async download<R extends AnyRoute>(route: R, ...[input]: CallArgs<R>): Promise<Blob> {
    return (await this.send(route, input)).blob()
  }

  /** The request itself; a refusal or a failure to connect becomes an ApiError carrying the server's `error`. */
  private async send(route: AnyRoute, input: unknown): Promise<Response> {
    const { params, query, body } = (input ?? {}) as { params?: object; query?: QueryValues; body?: unknown }
    const file = body instanceof FileBody ? body : null
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` }
    if (body !== undefined) headers['content-type'] = file ? file.type : 'application/json'
    let res: Response
    try {
      res = await fetch(this.url(route, params, query), {
        method: route.method,
        headers,
        body: file ? file.file : body === undefined ? null : JSON.stringify(body),
        credentials: 'omit',
        // Pages carry tokens in their URLs (?token=, group links): no request names the page it came from.
        referrerPolicy: 'no-referrer'
      })
    } catch {
      throw new ApiError(0, 'The server cannot be reached.')
    }
    if (!res.ok) {
      const data = (await res.json().catch(() => ({}))) as { error?: string }
      throw new ApiError(res.status, data.error ?? `request failed (${res.status})`)
    }
    return res
  }
}
