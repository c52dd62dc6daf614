/**
 * One HTTP route of the API as both sides know it: its method and full path, and (as types only) what
 * it takes and answers. The route table (`routes.ts`) is made of these; the server serves each one
 * (a unit test holds the app to the table) and validates its input with the schemas of `schemas/`,
 * and the browser's `ApiClient` (client/api) builds its requests from the same entries. Types only
 * on purpose: the table holds no schema, so the browser bundles carry no schema library.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The `:name` segments of a path, as a union of names. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

/** `{id: string, …}` for the `:id`… segments of a path. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string }

/** A query string's values as the client passes them; `undefined` leaves a parameter out. */
export type QueryValues = Record<string, string | number | undefined>

/** The body of a route that takes a file as it is (an import, a stream upload), not JSON. */
export interface RawFile {
  readonly raw: true
  readonly type: string
}

export interface Route<M extends HttpMethod = HttpMethod, P extends string = string, Res = unknown, Query = undefined, Body = undefined> {
  readonly method: M
  readonly path: P
  /** Never set: carries the answer, query and body types to the client. */
  readonly types?: { response: Res; query: Query; body: Body }
}

/** Any route, whatever it takes and answers. */
export type AnyRoute = Route<HttpMethod, string, unknown, unknown, unknown>

export type ResponseOf<R> = R extends Route<HttpMethod, string, infer Res, unknown, unknown> ? Res : never
export type QueryOf<R> = R extends Route<HttpMethod, string, unknown, infer Q, unknown> ? Q : never
export type BodyOf<R> = R extends Route<HttpMethod, string, unknown, unknown, infer B> ? B : never

/**
 * `route<Answer, Query, Body>()('POST', '/api/boards/:id/…')`: curried so the answer and input types
 * are written out while the method and path are inferred as literals (the path then types the params).
 */
export function route<Res, Query = undefined, Body = undefined>() {
  return <M extends HttpMethod, P extends string>(method: M, path: P): Route<M, P, Res, Query, Body> => ({ method, path })
}

/** The path with its `:params` filled in, each URL-encoded. */
export function fillPath<P extends string>(path: P, params: PathParams<P>): string {
  const values = params as Record<string, string>
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${path}: no value for :${name}`)
    return encodeURIComponent(value)
  })
}
