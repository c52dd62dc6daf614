import type { z } from 'zod'
import type { Comparison } from '../compare'
import { route } from '../route'
import type { CompareExportQuery, CompareQuery } from '../schemas/compare'

/** Synthesis across workshops (the service owner): the server validates each query with the schema named here. */
export const COMPARE_API = {
  compare: route<Comparison, z.input<typeof CompareQuery>>()('GET', '/api/compare'),
  /** The consensus map as a file in the asked format (the client downloads it as a Blob). */
  exportConsensus: route<never, z.input<typeof CompareExportQuery>>()('GET', '/api/compare/export')
} as const
