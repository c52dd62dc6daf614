import { describe, expect, it } from 'vitest'
import { readCsvRows } from '../../../shared/stream/csv-stream'
import { parseStreamFile } from '../../../shared/stream/parse-stream'
import { STREAM_LIMITS, StreamError, cleanDate, cleanUrl } from '../../../shared/stream/stream-item'

const utf8 = (s: string) => new TextEncoder().encode(s)
const BOM = '\uFEFF'

function refusal(run: () => unknown): { reason: string; message: string } {
  try {
    run()
  } catch (err) {
    if (err instanceof StreamError) return { reason: err.reason, message: err.message }
    throw err
  }
  throw new Error('expected a StreamError')
}

describe('CSV (RFC 4180)', () => {
  // Shaped like a review site's export: BOM, CRLF, a header with extra columns in another order,
  // quoted commas, a doubled quote, a line break inside a cell, an empty trailing line.
  const reviews =
    BOM +
    'Review ID,Author,Rating,Text,Source,At,URL\r\n' +
    'r-101,Ana Souza,2,"Delivery was late, again.",Trustpilot,2026-03-02T09:15:00Z,https://www.trustpilot.com/reviews/101\r\n' +
    'r-102,"Smith, J.",5,"The app is ""great"" when it works",Trustpilot,2026-03-03,https://www.trustpilot.com/reviews/102\r\n' +
    'r-103,Kim,1,"First line\r\nsecond line, with a comma",App Store,2026-03-04 18:30,javascript:alert(1)\r\n' +
    '\r\n' +
    'r-104,,3,   ,Trustpilot,,\r\n' +
    'r-105,Lee,4,=HYPERLINK("http://evil.example"),Trustpilot,not a date,ftp://files.example/x\r\n'

  it('reads a review export: quoted commas, doubled quotes, line breaks in cells, BOM, CRLF', () => {
    const parsed = parseStreamFile(utf8(reviews), 'csv')
    expect(parsed.items).toEqual([
      { text: 'Delivery was late, again.', author: 'Ana Souza', source: 'Trustpilot', at: '2026-03-02T09:15:00.000Z', url: 'https://www.trustpilot.com/reviews/101' },
      { text: 'The app is "great" when it works', author: 'Smith, J.', source: 'Trustpilot', at: '2026-03-03T00:00:00.000Z', url: 'https://www.trustpilot.com/reviews/102' },
      // The javascript: URL is dropped; the item stays.
      { text: 'First line\nsecond line, with a comma', author: 'Kim', source: 'App Store', at: '2026-03-04T18:30:00.000Z' },
      // A formula cell is text: it is shown as text and escaped in every CSV this service writes.
      { text: '=HYPERLINK("http://evil.example")', author: 'Lee', source: 'Trustpilot' }
    ])
    // r-104 has only spaces as text: unusable. The blank line is not an item at all.
    expect(parsed.unusable).toBe(1)
  })

  it('splits rows as RFC 4180 says, with the line each starts on', () => {
    const rows: Array<[string[], number]> = []
    readCsvRows('a,"b\nc",d\n"",x\r\n\n"e""f"\rlast,', (fields, line) => rows.push([fields, line]))
    expect(rows).toEqual([
      [['a', 'b\nc', 'd'], 1],
      [['', 'x'], 3],
      [['e"f'], 5],
      [['last', ''], 6]
    ])
  })

  it('matches header names whatever their case and spaces, and needs a text column', () => {
    expect(parseStreamFile(' TEXT , Author \nhello,me\n', 'csv').items).toEqual([{ text: 'hello', author: 'me' }])
    expect(refusal(() => parseStreamFile('comment,author\nhello,me\n', 'csv')).reason).toBe('no-text-column')
    expect(refusal(() => parseStreamFile('', 'csv')).reason).toBe('no-text-column')
  })

  it('refuses an unterminated quote and text after a closing quote, naming the line', () => {
    const open = refusal(() => parseStreamFile('text\nfine\n"never closed\nmore\n', 'csv'))
    expect(open).toEqual({ reason: 'not-csv', message: 'the quoted field opened on line 3 is never closed' })
    expect(refusal(() => parseStreamFile('text\n"a"b\n', 'csv')).reason).toBe('not-csv')
    // Spaces after a closing quote are what spreadsheets write: tolerated.
    expect(parseStreamFile('text,author\n"a" ,b\n', 'csv').items).toEqual([{ text: 'a', author: 'b' }])
  })

  it('refuses a row of more fields than any export has', () => {
    const wide = 'text\n' + ','.repeat(STREAM_LIMITS.maxCsvFields + 5) + '\n'
    expect(refusal(() => parseStreamFile(wide, 'csv')).reason).toBe('not-csv')
  })

  it('cuts a huge cell to 2,000 characters, never splitting a character, and counts it', () => {
    const huge = '😀'.repeat(3000)
    const parsed = parseStreamFile(`text\n"${huge}"\n`, 'csv')
    expect(parsed.items[0]!.text.length).toBeLessThanOrEqual(2000)
    expect(parsed.items[0]!.text).toBe('😀'.repeat(1000))
    expect(parsed.shortened).toBe(1)
  })

  it('handles a file of blank lines without keeping them in memory as rows', () => {
    const parsed = parseStreamFile('text\n' + '\n'.repeat(2_000_000), 'csv')
    expect(parsed).toEqual({ items: [], unusable: 0, shortened: 0 })
  })
})

describe('JSON Lines', () => {
  // Shaped like a social-listening export.
  const mentions = [
    '{"text":"Switched to them last month — support answered in 2 minutes 👏","author":"@maria_k","source":"X","at":"2026-02-11T08:00:00+01:00","url":"https://x.com/maria_k/status/1"}',
    '',
    '{"text":"  ","author":"@empty"}',
    '["not", "an", "object"]',
    '{"author":"@no_text"}',
    '{"text":"price went up again\\r\\nnot happy","source":"Reddit","url":"data:text/html,<script>x</script>","extra":{"nested":[1,2,3]}}',
    '{"text":"proto","__proto__":{"source":"polluted"},"at":12345}',
    ''
  ].join('\r\n')

  it('reads one object a line, keeps own fields only, drops bad urls and non-ISO dates', () => {
    const parsed = parseStreamFile(utf8(BOM + mentions), 'jsonl')
    expect(parsed.items).toEqual([
      { text: 'Switched to them last month — support answered in 2 minutes 👏', author: '@maria_k', source: 'X', at: '2026-02-11T07:00:00.000Z', url: 'https://x.com/maria_k/status/1' },
      { text: 'price went up again\nnot happy', source: 'Reddit' },
      { text: 'proto' }
    ])
    expect(parsed.unusable).toBe(3)
    expect(({} as Record<string, unknown>).source).toBeUndefined()
  })

  it('refuses a file with a line that is not JSON, naming the line', () => {
    const r = refusal(() => parseStreamFile('{"text":"ok"}\n{"text": oops}\n', 'jsonl'))
    expect(r.reason).toBe('not-jsonl')
    expect(r.message).toMatch(/^line 2 is not JSON/)
  })
})

describe('plain text', () => {
  it('makes every non-empty line an item, whatever the line ends', () => {
    const parsed = parseStreamFile(utf8(`${BOM}Love the new checkout\r\n\r\n   \nToo many emails\rWhy no dark mode?\n`), 'txt')
    expect(parsed.items.map((i) => i.text)).toEqual(['Love the new checkout', 'Too many emails', 'Why no dark mode?'])
    expect(parsed.unusable).toBe(0)
  })
})

describe('RSS 2.0 and Atom', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Acme Community &amp; Reviews</title>
    <link>https://community.acme.example/</link>
    <item>
      <title>Refund took 3 weeks</title>
      <description><![CDATA[<p>I waited <b>three weeks</b> for a refund &amp; nobody replied.</p>]]></description>
      <link>https://community.acme.example/t/1</link>
      <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
      <dc:creator>jo_b</dc:creator>
    </item>
    <item>
      <title>Tips &lt;for&gt; new users</title>
      <description>Use the &quot;saved carts&quot; feature &#8212; it&#x2019;s great</description>
      <link>javascript:void(0)</link>
      <pubDate>sometime last week</pubDate>
    </item>
    <item><title></title><description></description></item>
  </channel>
</rss>`

  it('reads RSS 2.0: title and description as text, link, pubDate, creator, the feed title as source', () => {
    const parsed = parseStreamFile(utf8(rss), 'rss')
    expect(parsed.items).toEqual([
      {
        text: 'Refund took 3 weeks\nI waited three weeks for a refund & nobody replied.',
        author: 'jo_b',
        source: 'Acme Community & Reviews',
        at: '2026-03-03T10:00:00.000Z',
        url: 'https://community.acme.example/t/1'
      },
      { text: 'Tips <for> new users\nUse the "saved carts" feature — it’s great', source: 'Acme Community & Reviews' }
    ])
    expect(parsed.unusable).toBe(1)
  })

  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">App Store reviews: Acme</title>
  <updated>2026-03-05T12:00:00Z</updated>
  <entry>
    <title>Crashes on login</title>
    <summary type="html">&lt;p&gt;Since the update it crashes&lt;br/&gt;every time.&lt;/p&gt;</summary>
    <link rel="related" href="https://apps.example/related"/>
    <link href="https://apps.example/review/9"/>
    <updated>2026-03-05T11:59:00+02:00</updated>
    <author><name>Priya</name></author>
  </entry>
  <entry>
    <title>Good value</title>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Worth <em>every</em> penny</div></content>
    <published>2026-03-01</published>
  </entry>
</feed>`

  it('reads Atom: title and summary or content as text, the alternate link, updated, author name', () => {
    const parsed = parseStreamFile(utf8(atom), 'rss')
    expect(parsed.items).toEqual([
      {
        text: 'Crashes on login\nSince the update it crashes\nevery time.',
        author: 'Priya',
        source: 'App Store reviews: Acme',
        at: '2026-03-05T09:59:00.000Z',
        url: 'https://apps.example/review/9'
      },
      { text: 'Good value\nWorth every penny', source: 'App Store reviews: Acme', at: '2026-03-01T00:00:00.000Z' }
    ])
  })

  it('never expands entities: a billion-laughs file and an external entity are refused before parsing', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title></item></channel></rss>`
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title></item></channel></rss>`
    expect(refusal(() => parseStreamFile(laughs, 'rss')).reason).toBe('forbidden-dtd')
    expect(refusal(() => parseStreamFile(xxe, 'rss')).reason).toBe('forbidden-dtd')
    // An undeclared entity is left as written, never resolved.
    const parsed = parseStreamFile('<rss><channel><title>t</title><item><title>a &unknown; b</title></item></channel></rss>', 'rss')
    expect(parsed.items[0]!.text).toBe('a &unknown; b')
  })

  it('refuses XML that is not a feed, and XML that is not well-formed', () => {
    expect(refusal(() => parseStreamFile('<html><body>hi</body></html>', 'rss')).reason).toBe('not-feed')
    expect(refusal(() => parseStreamFile('<rss><channel><item></channel></rss>', 'rss')).reason).toBe('not-xml')
    expect(refusal(() => parseStreamFile('just text', 'rss')).reason).toBe('not-xml')
  })
})

describe('every format', () => {
  it('refuses a file over 5 MiB and bytes that are not the encoding they claim', () => {
    expect(refusal(() => parseStreamFile(new Uint8Array(STREAM_LIMITS.maxBytes + 1).fill(0x61), 'txt')).reason).toBe('too-large')
    expect(refusal(() => parseStreamFile(new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x0a, 0xc3, 0x28, 0x0a]), 'csv'))).toEqual({
      reason: 'bad-encoding',
      message: 'the file is not valid utf-8'
    })
    expect(refusal(() => parseStreamFile(utf8('<?xml version="1.0" encoding="x-nonsense"?><rss/>'), 'rss')).reason).toBe('bad-encoding')
  })

  it('reads UTF-16 with a byte order mark', () => {
    const text = 'text\nolá\n'
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i)
    expect(parseStreamFile(bytes, 'csv').items).toEqual([{ text: 'olá' }])
  })

  it('refuses more items than a stream holds, adding none', () => {
    const many = Array.from({ length: STREAM_LIMITS.maxItems + 1 }, (_, i) => `item ${i}`).join('\n')
    expect(refusal(() => parseStreamFile(many, 'txt')).reason).toBe('too-many-items')
  })

  it('drops controls and lone surrogates from text', () => {
    expect(parseStreamFile('a\u0000b\u0007c \uD800 d\n', 'txt').items).toEqual([{ text: 'abc  d' }])
  })
})

describe('fields', () => {
  it('keeps only http and https urls', () => {
    expect(cleanUrl('https://example.com/a b')).toBe('https://example.com/a%20b')
    expect(cleanUrl('HTTP://EXAMPLE.com')).toBe('http://example.com/')
    for (const bad of ['javascript:alert(1)', 'data:text/plain,x', 'file:///etc/passwd', '//example.com', 'example.com', '', 42]) {
      expect(cleanUrl(bad)).toBeUndefined()
    }
  })

  it('reads ISO 8601 dates (a time without a zone as UTC) and RFC 822 only in feeds', () => {
    expect(cleanDate('2026-03-04')).toBe('2026-03-04T00:00:00.000Z')
    expect(cleanDate('2026-03-04T10:20')).toBe('2026-03-04T10:20:00.000Z')
    expect(cleanDate('2026-03-04T10:20:30.5-0130')).toBe('2026-03-04T11:50:30.500Z')
    expect(cleanDate('Tue, 03 Mar 2026 10:00:00 GMT')).toBeUndefined()
    expect(cleanDate('Tue, 03 Mar 2026 10:00:00 GMT', { rfc822: true })).toBe('2026-03-03T10:00:00.000Z')
    for (const bad of ['2026-13-45', 'yesterday', '12345', 12345, null]) expect(cleanDate(bad)).toBeUndefined()
  })
})
