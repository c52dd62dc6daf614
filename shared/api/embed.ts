/** The shapes of embedding (docs/api.md, "People, access and embedding"). */

/** The oEmbed frame's size when the consumer asks none (and the most it gets when it asks more). */
export const OEMBED_SIZE = { width: 800, height: 600 } as const

/** GET /oembed: an oEmbed 1.0 `rich` answer whose html is an iframe of the board's embed page. */
export interface OEmbed {
  version: '1.0'
  type: 'rich'
  provider_name: string
  provider_url: string
  title: string
  width: number
  height: number
  html: string
}

/** GET /embed/:boardId/allowed: whether the board may be shown on the asking page's origin. */
export interface EmbedAllowed {
  allowed: boolean
}
