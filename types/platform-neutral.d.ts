/**
 * The few globals both browsers and Node (>= 20) provide that shared/ may use. tsconfig.shared.json
 * checks shared/ with the ES library and this file only, so a DOM-only or Node-only global there
 * fails the typecheck instead of breaking one side at run time. Add a global here only if both have it.
 */
interface TextDecoder {
  readonly encoding: string
  readonly fatal: boolean
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string
}
declare var TextDecoder: {
  prototype: TextDecoder
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder
}

/** WHATWG URL, the same class in browsers and Node (searchParams left out: nothing in shared/ needs it yet). */
interface URL {
  hash: string
  host: string
  hostname: string
  href: string
  readonly origin: string
  password: string
  pathname: string
  port: string
  protocol: string
  search: string
  username: string
  toString(): string
  toJSON(): string
}
declare var URL: {
  prototype: URL
  new (url: string | URL, base?: string | URL): URL
  canParse(url: string | URL, base?: string | URL): boolean
}
