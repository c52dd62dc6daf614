import type { z } from 'zod'
import type { EmbedAllowed, OEmbed } from '../embed'
import { route } from '../route'
import type { OEmbedQuery } from '../schemas/embed'

/**
 * The routes of embedding that answer JSON (docs/api.md, "People, access and embedding"): both are
 * asked without a token, from a partner's page or an oEmbed consumer. The server validates the
 * oEmbed query with the schema named here (server/http/routes/embed.ts).
 */
export const EMBED_API = {
  /** Asked by <cg-board> on a partner page before it connects. */
  allowed: route<EmbedAllowed>()('GET', '/embed/:boardId/allowed'),
  oembed: route<OEmbed, z.input<typeof OEmbedQuery>>()('GET', '/oembed')
} as const
