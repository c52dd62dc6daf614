import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { decodeXmlAttribute, decodeXmlText } from './escape-xml'
import { DEFAULT_LIMITS, ImportError } from './import-common'

/** An element as the importers see it: namespace prefixes gone, attributes and text decoded. */
export interface XmlElement {
  name: string
  attrs: Readonly<Record<string, string>>
  children: XmlElement[]
  text: string
}

// The parser refuses these outright as tag names (prototype pollution); renaming them lets a file
// that merely contains such a tag be repaired like any other unknown element.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * A parser for XML nobody vouches for (CXL, GraphML, feeds), in document order. Run assertSafeXml
 * first: the parser itself bounds nothing.
 */
export function untrustedXmlParser(): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Prefixes are stripped by the readers: the parser's own option makes the parse much slower.
    removeNSPrefix: false,
    // No entity processing at all: no DTD entities, no expansion. decodeXml* does the predefined ones.
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    // Attribute values are kept as written: a label's leading and trailing spaces are the author's,
    // and the JSON import keeps them too. Text between elements is only read where it is trimmed.
    trimValues: false,
    cdataPropName: '#cdata',
    commentPropName: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // No callback needs the element's path; building it for every tag costs a third of the parse.
    jPath: false,
    transformTagName: (name) => (RESERVED.has(name) ? `reserved-${name}` : name)
  })
}

const parser = untrustedXmlParser()

type Raw = Record<string, unknown>

function clip(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message
}

/** The local part of a qualified name: CXL mixes the default namespace with dc:, dcterms:, vcard:. */
const local = (name: string) => name.slice(name.indexOf(':') + 1)

function convert(node: Raw): XmlElement | null {
  const key = Object.keys(node).find((k) => k !== ':@')
  if (!key || key.startsWith('#') || key.startsWith('?')) return null
  const name = local(key)
  const attrs: Record<string, string> = Object.create(null)
  const rawAttrs = node[':@']
  if (rawAttrs && typeof rawAttrs === 'object') {
    for (const [k, v] of Object.entries(rawAttrs as Raw)) {
      if (k.startsWith('@_') && !k.startsWith('@_xmlns') && typeof v === 'string') attrs[local(k.slice(2))] = decodeXmlAttribute(v)
    }
  }
  const children: XmlElement[] = []
  let text = ''
  const body = node[key]
  for (const child of Array.isArray(body) ? (body as Raw[]) : []) {
    if (typeof child['#text'] === 'string') text += decodeXmlText(child['#text'])
    else if (Array.isArray(child['#cdata'])) {
      // CDATA is literal: its content is not decoded.
      for (const part of child['#cdata'] as Raw[]) if (typeof part['#text'] === 'string') text += part['#text']
    } else {
      const el = convert(child)
      if (el) children.push(el)
    }
  }
  return { name, attrs, children, text }
}

/**
 * Why a file that is not well-formed looks cut short, or null: its root element is never closed.
 * An interrupted download or a copy that stopped early is the common case, and the parser's own
 * words for it ("Unclosed tag") do not tell a person what to do.
 */
function truncation(text: string): string | null {
  const again = 'Save or download the file again, whole, and import that.'
  if (!text.trim()) return `the file is empty: it holds nothing to read. ${again}`
  const root = /<([A-Za-z_][\w.:-]*)[\s>/]/.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1]
  // Cut inside the XML declaration (or a comment) before the first element began.
  if (!root && /^\s*<[?!]/.test(text) && !/<[A-Za-z_]/.test(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))) {
    return `the file is cut short: it ends at line ${text.split('\n').length} before its first element, so none of it can be read. ${again}`
  }
  if (!root || new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>\\s*$`).test(text)) return null
  if (/<[^>]*\/>\s*$/.test(text) && !text.slice(text.indexOf(root) + root.length).includes('<')) return null
  const lines = text.split('\n').length
  return `the file is cut short: it ends at line ${lines} before the closing </${local(root)}>, so part of the map is missing. ` +
    'Save or download the file again, whole, and import that.'
}

/**
 * Parses untrusted XML into its root element, or throws an ImportError with the reason.
 * Any DTD is refused before parsing: it is how XXE and entity-expansion bombs arrive, and no file
 * this service reads needs one.
 */
export function readXml(text: string, maxElements = DEFAULT_LIMITS.maxXmlElements): XmlElement {
  assertSafeXml(text, maxElements)
  let parsed: unknown
  try {
    parsed = parser.parse(text)
  } catch (err) {
    throw new ImportError('not-xml', clip(`the XML could not be read: ${err instanceof Error ? err.message : String(err)}`))
  }
  const roots = (Array.isArray(parsed) ? (parsed as Raw[]) : []).map(convert).filter((e): e is XmlElement => e !== null)
  if (roots.length !== 1) throw new ImportError('not-xml', roots.length ? 'the XML has more than one root element' : 'the file holds no XML element')
  return roots[0]!
}

/**
 * The checks every untrusted XML passes before any parser sees it (ImportError otherwise): no DTD,
 * at most `maxElements` elements, well-formed.
 */
export function assertSafeXml(text: string, maxElements = DEFAULT_LIMITS.maxXmlElements): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new ImportError('forbidden-dtd', 'the file declares a DTD or entities, which are not accepted')
  }
  // Parsing costs per element far more than per byte, so a file of many tiny elements is refused
  // before the parser sees it. Counting every `<name` overcounts (comments, CDATA), never under.
  let elements = 0
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    if (/[A-Za-z_:]/.test(text[i + 1] ?? '') && ++elements > maxElements) {
      throw new ImportError('too-many-elements', `the file holds more than ${maxElements} XML elements`)
    }
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const cut = truncation(text)
    if (cut) throw new ImportError('not-xml', cut)
    // Something that is not XML at all (a text or HTML page saved under the name) says so, rather
    // than the parser's "char 'h' is not expected".
    if (!/^\s*</.test(text)) {
      throw new ImportError('not-xml', clip(`the file is not XML: it begins “${text.trim().slice(0, 40).replace(/[\u0000-\u001f\u007f]+/g, ' ')}”, where an XML file begins with “<”. Check that it is the right file.`))
    }
    const where = valid.err.col === undefined ? `line ${valid.err.line}` : `line ${valid.err.line}, column ${valid.err.col}`
    throw new ImportError('not-xml', clip(`not well-formed XML (${where}): ${valid.err.msg}`))
  }
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name)
}
