/**
 * The house's boundaries as code (docs/architecture.md explains each layer). `npm run lint` runs this,
 * and so does `npm test`: a wrong import fails the build with the rule's name and comment.
 *
 * Layers, innermost first:
 *   shared/        wire protocol, schemas, pure metrics; runs in browser and Node, imports neither side
 *   server/sync    the sync core: rooms, policy, protocol; its own ports and shared/ only
 *   server/store   adapters behind ports (journal, metadata, history, snapshots): no domain logic
 *   server/<domain> auth, boards, history, sessions, snapshots, exchange, report, store, scale,
 *                  observability: no HTTP framework, no server/http
 *   server/http    Hono routes and the WebSocket upgrade; the composition root (main, start-server)
 *   client/        the browser; shared/ and its own modules only
 */
const domains = '(auth|boards|exchange|history|observability|report|scale|sessions|snapshots|store|sync)'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment:
        'shared/ is the contract both sides build on: it must not import server/, client/, test/ or scripts/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|client|test|scripts)/' }
    },
    {
      name: 'shared-is-platform-neutral',
      comment:
        'shared/ runs in the browser and in Node: no Node built-ins, no server-only or DOM-only packages.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/(yjs|lib0|y-protocols|fast-xml-parser|zod)/'
      }
    },
    {
      name: 'client-not-server',
      comment: 'client/ is bundled for the browser: it talks to the server over the wire (shared/), never by import.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|test|scripts)/' }
    },
    {
      name: 'client-no-node-builtins',
      comment: 'client/ runs in the browser: Node built-ins are not there.',
      severity: 'error',
      from: { path: '^client/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'server-not-client',
      comment: 'server/ must not import browser code; put what both need in shared/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(client|test|scripts)/' }
    },
    {
      name: 'sync-core-is-closed',
      comment:
        'server/sync depends on nothing but its own modules (and their ports) and shared/: ' +
        'inject what it needs from storage, HTTP or history through an interface it owns.',
      severity: 'error',
      from: { path: '^server/sync/' },
      to: { path: '^server/', pathNot: '^server/sync/' }
    },
    {
      name: 'sync-core-knows-no-board',
      comment:
        'server/sync applies, journals and relays any Yjs document: what a board holds and who may change it ' +
        '(shared/schema, shared/roles, events, metrics) reach it only through RoomPolicy (server/boards/board-policy.ts) ' +
        'and the accepted-entries port (server/history).',
      severity: 'error',
      from: { path: '^server/sync/' },
      // A participant's Role is a type it carries (as authenticated), never a rule the core applies.
      to: { path: '^shared/', pathNot: '^shared/(sync/|close-codes\\.ts$|limits/)', dependencyTypesNot: ['type-only', 'type-import'] }
    },
    {
      name: 'sync-core-no-frameworks',
      comment: 'server/sync speaks the y-websocket protocol over its SyncSocket port: no Hono, ws, lowdb, pg, Redis, pino, prom-client.',
      severity: 'error',
      from: { path: '^server/sync/' },
      to: { path: '^node_modules/(hono|@hono|ws|lowdb|pg|pg-[^/]+|ioredis|pino|prom-client)/' }
    },
    {
      name: 'store-implements-ports',
      comment:
        'server/store implements ports (the journal port of server/sync, the stores of the domains): it imports ' +
        'no domain logic, and of server/sync only its *-port.ts files.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: {
        path: '^server/(auth|boards|compare|exchange|history|live|observability|report|scale|sessions|snapshots|stream|votes|sync)/',
        pathNot: '^server/sync/[^/]+-port\\.ts$'
      }
    },
    {
      name: 'hono-only-in-http',
      comment:
        'Only server/http (routes, middleware) and the composition root (server/start-server.ts) know Hono; ' +
        'domain modules return plain values or throw named errors that server/http maps to responses.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(http/|start-server\\.ts$)' },
      to: { path: '^node_modules/(hono|@hono)/' }
    },
    {
      name: 'domains-not-http',
      comment:
        'Domain modules must not reach up into server/http (routes, app env): pass them what they need.',
      severity: 'error',
      from: { path: `^server/${domains}/` },
      to: { path: '^server/http/' }
    },
    {
      name: 'domains-not-composition-root',
      comment: 'Domain modules must not import the composition root (main, start-server, migrate).',
      severity: 'error',
      from: { path: `^server/${domains}/` },
      to: { path: '^server/(main|start-server|migrate)' }
    },
    {
      name: 'drivers-stay-in-their-adapters',
      comment:
        'Database and socket drivers live behind ports: lowdb and pg in server/store, ioredis in server/scale ' +
        '(or the composition root), ws in server/http.',
      severity: 'error',
      from: { path: '^(server|shared|client)/', pathNot: '^server/(store|scale|http|migrate)/|^server/start-server\\.ts$' },
      to: { path: '^node_modules/(lowdb|pg|ioredis|ws)/' }
    },
    {
      name: 'no-circular',
      comment:
        'Import cycles make layers meaningless and load order fragile. Cycles made only of `import type` ' +
        'edges vanish at run time and are allowed.',
      severity: 'error',
      from: { path: '^(server|client|shared)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Worktrees link node_modules to another checkout: keep the link's path, or every package
    // resolves outside the tree, falls out of includeOnly, and the package rules pass unseen.
    preserveSymlinks: true,
    includeOnly: '^(server|client|shared|node_modules)/',
    exclude: { path: '\\.test\\.ts$|^node_modules/.*/node_modules/' },
    // Type-only imports are edges too: `import type { Context } from 'hono'` couples a module to Hono.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types']
    },
    reporterOptions: { text: { highlightFocused: true } }
  }
}
