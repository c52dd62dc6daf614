// The HTML shells of the pages: all alike but for their title, script, loading line and layout, so
// they are written from this one list at build time rather than kept as six near-copies.

/**
 * layout: `full` gives the element the whole viewport (board, replay, embed frame); `page` lets the
 * document scroll (console, join, report). `compact` is the embed frame's smaller type. `rootId`
 * names a <div> root instead of <main>, for an element that brings its own landmarks (the report, the
 * console).
 */
export const PAGE_SHELLS = [
  { file: 'board.html', title: 'Common Ground board', entry: 'board', early: 'board-socket', loading: 'Loading the board…', layout: 'full' },
  { file: 'replay.html', title: 'Common Ground replay', entry: 'replay', loading: 'Loading the replay…', layout: 'full' },
  { file: 'embed.html', title: 'Common Ground board', entry: 'embed-frame', loading: 'Loading the board…', layout: 'full', compact: true },
  { file: 'console.html', title: 'Common Ground · Facilitator console', entry: 'console', loading: 'Loading the console…', layout: 'page', rootId: 'console' },
  { file: 'join.html', title: 'Join a Common Ground board', entry: 'join', loading: 'Opening the link…', layout: 'page' },
  { file: 'report.html', title: 'Common Ground report', entry: 'report', loading: 'Loading the report…', layout: 'page', rootId: 'report' }
]

/** `early` names a script of client/entries/early/ run while the page's modules load (the board's socket). */
export function renderPageShell({ title, entry, early, loading, layout, compact = false, rootId }) {
  const root = rootId ? `#${rootId}` : 'main'
  const open = rootId ? `<div id="${rootId}">` : '<main>'
  const close = rootId ? '</div>' : '</main>'
  const height = layout === 'full' ? '\n        height: 100%;' : '\n        min-height: 100%;'
  const rootHeight = layout === 'full' ? `\n      ${root} {\n        height: 100%;\n      }` : ''
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title}</title>
    <link rel="icon" type="image/svg+xml" href="/assets/icon.svg" />
    ${early ? `<script async src="/assets/${early}.js"></script>\n    ` : ''}<link rel="modulepreload" href="/assets/${entry}.js" />
    <style>
      html,
      body {${height}
        margin: 0;
        background: #f8fafc;
        color: #0f172a;
        font: ${compact ? 14 : 15}px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      }${rootHeight}
      ${root} > p {
        margin: 0;
        padding: ${compact ? '1.5rem' : '2rem'};
      }
    </style>
    <script type="module" src="/assets/${entry}.js"></script>
  </head>
  <body>
    ${open}<p>${loading}</p>${close}
  </body>
</html>
`
}
