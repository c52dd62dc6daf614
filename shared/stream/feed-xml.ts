import { decodeXmlAttribute, decodeXmlText } from '../exchange/escape-xml'
import { ImportError } from '../exchange/import-common'
import { assertSafeXml, untrustedXmlParser } from '../exchange/xml-reader'
import { StreamError } from './stream-item'

/**
 * A feed's XML as a tree that keeps mixed content in order (XHTML in Atom: "Worth <em>every</em>
 * penny"), which the exchange's reader, built for CXL, does not need to. Namespace prefixes are
 * dropped, attributes and text decoded; entities are never processed beyond the predefined ones.
 */
export interface FeedNode {
  name: string
  attrs: Readonly<Record<string, string>>
  content: Array<string | FeedNode>
}

const parser = untrustedXmlParser()

type Raw = Record<string, unknown>
const local = (name: string) => name.slice(name.indexOf(':') + 1)

function convert(node: Raw): FeedNode | null {
  const key = Object.keys(node).find((k) => k !== ':@')
  if (!key || key.startsWith('#') || key.startsWith('?')) return null
  const attrs: Record<string, string> = Object.create(null)
  const rawAttrs = node[':@']
  if (rawAttrs && typeof rawAttrs === 'object') {
    for (const [k, v] of Object.entries(rawAttrs as Raw)) {
      if (k.startsWith('@_') && !k.startsWith('@_xmlns') && typeof v === 'string') attrs[local(k.slice(2))] = decodeXmlAttribute(v)
    }
  }
  const content: FeedNode['content'] = []
  const body = node[key]
  for (const part of Array.isArray(body) ? (body as Raw[]) : []) {
    if (typeof part['#text'] === 'string') content.push(decodeXmlText(part['#text']))
    else if (Array.isArray(part['#cdata'])) {
      for (const c of part['#cdata'] as Raw[]) if (typeof c['#text'] === 'string') content.push(c['#text'])
    } else {
      const el = convert(part)
      if (el) content.push(el)
    }
  }
  return { name: local(key), attrs, content }
}

/** The root element of a feed, after the same checks as every untrusted XML (no DTD, bounded, well-formed). */
export function readFeedXml(text: string): FeedNode {
  try {
    assertSafeXml(text)
  } catch (err) {
    if (err instanceof ImportError) throw new StreamError(err.reason as 'forbidden-dtd' | 'not-xml' | 'too-many-elements', err.message)
    throw err
  }
  let parsed: unknown
  try {
    parsed = parser.parse(text)
  } catch (err) {
    throw new StreamError('not-xml', `the XML could not be read: ${err instanceof Error ? err.message.slice(0, 160) : String(err)}`)
  }
  const roots = (Array.isArray(parsed) ? (parsed as Raw[]) : []).map(convert).filter((e): e is FeedNode => e !== null)
  if (roots.length !== 1) throw new StreamError('not-xml', roots.length ? 'the XML has more than one root element' : 'the file holds no XML element')
  return roots[0]!
}

export const elements = (node: FeedNode): FeedNode[] => node.content.filter((c): c is FeedNode => typeof c !== 'string')
export const first = (node: FeedNode | undefined, name: string): FeedNode | undefined => (node ? elements(node).find((c) => c.name === name) : undefined)

/** Every piece of text under a node, in document order; elements are separated by nothing, as in HTML. */
export function textOf(node: FeedNode): string {
  return node.content.map((c) => (typeof c === 'string' ? c : blockBreak(c.name) + textOf(c) + blockBreak(c.name))).join('')
}

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr'])
const blockBreak = (name: string) => (BLOCKS.has(name) ? '\n' : '')
