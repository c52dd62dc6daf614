import { PNG_SCALE } from '../../shared/exchange/png-scale'
// PNG export limits, checked on the main thread before a render is queued. Kept apart from the
// renderer (render-png.ts, exchange worker only) so the main thread never loads resvg's native library.
/** Scale factors `?scale=` accepts: a quarter size up to four times the SVG's own size. */
export const MIN_PNG_SCALE = PNG_SCALE.min
export const MAX_PNG_SCALE = PNG_SCALE.max
/** Longest side of a PNG in pixels: 8192² RGBA is 256 MiB of pixels before encoding. */
export const MAX_PNG_SIDE = 8192

/** Why a PNG was not rendered; the export route answers 400 with this reason. */
export class PngSizeError extends Error {
  readonly reason = 'image-too-large'
}

/** Pixel size of the SVG's own size (user units) times `scale`, as resvg rounds it (up). */
export function pngSize(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.ceil(width * scale), height: Math.ceil(height * scale) }
}

/** Refuses a size past MAX_PNG_SIDE, saying what scale would fit. */
export function checkPngSize(width: number, height: number, scale: number): void {
  const out = pngSize(width, height, scale)
  if (out.width <= MAX_PNG_SIDE && out.height <= MAX_PNG_SIDE) return
  const fits = Math.floor((MAX_PNG_SIDE / Math.max(width, height)) * 100) / 100
  throw new PngSizeError(
    `a ${out.width}×${out.height} PNG is larger than ${MAX_PNG_SIDE} pixels a side; ` +
      (fits >= MIN_PNG_SCALE ? `use scale ≤ ${fits}, or export SVG` : 'export SVG instead')
  )
}

/** The width and height attributes of the root of an SVG from exportSvg (whole user units). */
export function svgSize(svg: string): { width: number; height: number } | null {
  const m = /<svg\b[^>]*?\swidth="(\d+(?:\.\d+)?)"\s+height="(\d+(?:\.\d+)?)"/.exec(svg)
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null
}
