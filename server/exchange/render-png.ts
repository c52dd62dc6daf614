import { existsSync } from 'node:fs'
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js'
import { checkPngSize } from './png-size'

// The SVG asks for the generic sans-serif. resvg maps it to Arial unless told otherwise, which
// Debian lacks; Liberation Sans (fonts-liberation) has Arial's metrics, so labels fit their boxes.
const LIBERATION = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'

/** The fonts the PNG is drawn with; tests measure labels with the same ones. */
export function pngFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  const font: NonNullable<ResvgRenderOptions['font']> = { loadSystemFonts: true, defaultFontSize: 13 }
  if (existsSync(LIBERATION)) {
    font.sansSerifFamily = 'Liberation Sans'
    font.defaultFontFamily = 'Liberation Sans'
  }
  return font
}

/**
 * Renders an SVG (from exportSvg: no external references, so resvg loads nothing but system
 * fonts) to PNG bytes at `scale`. Synchronous and CPU-heavy: runs in the exchange worker.
 */
export function renderPng(svg: string, scale: number): Uint8Array {
  const resvg = new Resvg(svg, { font: pngFontOptions(), fitTo: { mode: 'zoom', value: scale }, logLevel: 'off' })
  checkPngSize(resvg.width, resvg.height, scale)
  return resvg.render().asPng()
}
