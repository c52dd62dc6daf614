import { first, elements, readFeedXml, textOf, type FeedNode } from './feed-xml'
import { ItemCollector, StreamError, type ParsedStream } from './stream-item'

/**
 * RSS 2.0 (and RSS 1.0/RDF) or Atom. Each item's (entry's) title and description (summary, or
 * content) become `text`, its link `url`, its pubDate (dc:date; Atom: updated, else published)
 * `at`, its author (dc:creator; Atom: author/name) `author`, and the feed's title `source`. HTML in
 * descriptions (escaped, CDATA or XHTML) is read as plain text. The XML is checked before parsing
 * and any DTD refused, so no entity is ever expanded and no external entity ever fetched.
 */
export function parseFeedStream(text: string): ParsedStream {
  const root = readFeedXml(text)
  const collector = new ItemCollector()
  if (root.name === 'rss' || root.name === 'RDF') {
    const channel = first(root, 'channel')
    const source = plainText(first(channel, 'title'))
    // RSS 2.0 keeps items in the channel; RSS 1.0 beside it.
    const items = [...(channel ? elements(channel) : []), ...elements(root)].filter((c) => c.name === 'item')
    for (const item of items) {
      collector.add(
        {
          // RSS titles are plain text; descriptions are HTML.
          text: joinText(plainText(first(item, 'title')), htmlText(first(item, 'description') ?? first(item, 'encoded'))),
          author: plainText(first(item, 'creator') ?? first(item, 'author')),
          source,
          at: plainText(first(item, 'pubDate') ?? first(item, 'date')),
          url: plainText(first(item, 'link'))
        },
        { rfc822: true }
      )
    }
  } else if (root.name === 'feed') {
    const source = atomText(first(root, 'title'))
    for (const entry of elements(root).filter((c) => c.name === 'entry')) {
      const author = first(entry, 'author')
      collector.add(
        {
          text: joinText(atomText(first(entry, 'title')), atomText(first(entry, 'summary') ?? first(entry, 'content'))),
          author: author ? plainText(first(author, 'name')) || plainText(author) : undefined,
          source,
          at: plainText(first(entry, 'updated') ?? first(entry, 'published')),
          url: atomLink(entry)
        },
        { rfc822: true }
      )
    }
  } else {
    throw new StreamError('not-feed', `the root element is <${root.name.slice(0, 40)}>, not an RSS <rss> or Atom <feed>`)
  }
  return collector.result()
}

/** An Atom entry's link: the `alternate` one (the default relation), else the first. */
function atomLink(entry: FeedNode): string | undefined {
  const links = elements(entry).filter((c) => c.name === 'link')
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0]
  return alternate ? (alternate.attrs.href ?? plainText(alternate)) : undefined
}

function joinText(title: string, body: string): string {
  if (!body || body === title) return title
  if (!title || body.startsWith(title)) return body
  return `${title}\n${body}`
}

/** Atom text constructs say what they hold: `text` (the default), `html` (escaped) or `xhtml` (markup). */
function atomText(node: FeedNode | undefined): string {
  if (!node) return ''
  return node.attrs.type === 'html' ? htmlText(node) : tidy(textOf(node))
}

function plainText(node: FeedNode | undefined): string {
  return node ? tidy(textOf(node)) : ''
}

/** Escaped HTML (or CDATA) as plain text: block tags become line breaks, other tags go, entities are read. */
function htmlText(node: FeedNode | undefined): string {
  if (!node) return ''
  const html = textOf(node)
  return tidy(decodeHtml(html.replace(/<(?:br|\/?p|\/?div|\/?li|\/h[1-6]|\/?blockquote)\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, '')))
}

function tidy(s: string): string {
  return s
    .replace(/[ \t\u00a0\r]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“'
}

/** The HTML entities escaped HTML in feeds uses, one level deep (`&amp;lt;` is read as `&lt;`, not `<`). */
function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ''
    }
    return NAMED[ref.toLowerCase()] ?? whole
  })
}
