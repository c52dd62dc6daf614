/** A server-sent-events stream read with fetch: its events and comments as they arrive. */
export interface SseReader {
  status: number
  events: Array<{ event: string; data: string; receivedAt: number }>
  comments: string[]
  close(): void
}

/** Reads `url` with `token` as the bearer; with no token, the URL alone (a download ticket) must open it. */
export async function readSse(url: string, token?: string): Promise<SseReader> {
  const abort = new AbortController()
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: abort.signal })
  const reader: SseReader = { status: res.status, events: [], comments: [], close: () => abort.abort() }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel()
    return reader
  }
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let event = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) reader.comments.push(line.slice(1).trim())
            else if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
          }
          if (data.length > 0) reader.events.push({ event, data: data.join('\n'), receivedAt: Date.now() })
        }
      }
    } catch {
      // aborted
    }
  })()
  return reader
}
