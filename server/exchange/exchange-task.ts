import type { Dropped, ImportFormat, ImportLimits, Repaired } from '../../shared/exchange/index'

/**
 * What the exchange worker is asked to do, and what it answers. Plain data only: it crosses a
 * thread boundary by structured clone.
 */
export interface ImportTask {
  kind: 'import'
  format: ImportFormat
  bytes: Uint8Array
  limits: Partial<ImportLimits>
  /** `?title=`, trimmed; empty for none. */
  title: string
  /** What a board's title and focus question may hold (longer ones from a file are cut). */
  maxTitleLength: number
  maxFocusQuestionLength: number
}

export interface PngTask {
  kind: 'png'
  svg: string
  scale: number
}

export type ExchangeTask = ImportTask | PngTask

/**
 * An imported file made ready to become a board: its title and focus question, its whole starting
 * document as one Yjs update, and the import's report. The map itself stays in the worker.
 */
export interface PreparedImport {
  title: string
  focusQuestion: string
  update: Uint8Array
  concepts: number
  links: number
  dropped: Dropped
  repaired: Repaired
}

/** A task's result as the caller receives it: structured clone gives the PNG its own ArrayBuffer. */
export type ExchangeOutput<T extends ExchangeTask> = T extends ImportTask ? PreparedImport : Uint8Array<ArrayBuffer>

/** A refusal the caller can show: ImportError's reasons, or `image-too-large` for PNG. */
export interface ExchangeRefusal {
  reason: string
  message: string
}

export type ExchangeReply = { ok: true; value: PreparedImport | Uint8Array } | { ok: false; refusal: ExchangeRefusal }
