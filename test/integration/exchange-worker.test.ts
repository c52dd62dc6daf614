import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardMap } from '../../shared/schema/board-doc'
import type { ImportTask } from '../../server/exchange/exchange-task'
import { ExchangeBusyError, ExchangeRefusedError, ExchangeRunner } from '../../server/exchange/worker-runner'

const CXL = `<cmap xmlns="http://cmap.ihmc.us/xml/cmap/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <res-meta><dc:title>Worker &amp; map</dc:title><dc:description>Does it run?</dc:description></res-meta>
  <map><concept-list><concept id="a" label="A"/><concept id="b" label="B"/></concept-list>
  <linking-phrase-list><linking-phrase id="p" label="needs"/></linking-phrase-list>
  <connection-list><connection id="k1" from-id="a" to-id="p"/><connection id="k2" from-id="p" to-id="b"/></connection-list></map></cmap>`

const importTask = (text: string, over: Partial<ImportTask> = {}): ImportTask => ({
  kind: 'import',
  format: 'cxl',
  bytes: new TextEncoder().encode(text),
  limits: {},
  title: '',
  maxTitleLength: 200,
  maxFocusQuestionLength: 1000,
  ...over
})

const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (err: unknown) => err
  )

describe('exchange worker runner', () => {
  it('imports in a worker and answers the board’s first update', async () => {
    const board = await new ExchangeRunner().run(importTask(CXL))
    expect(board).toMatchObject({ title: 'Worker & map', focusQuestion: 'Does it run?', concepts: 2, links: 1 })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, board.update)
    const map = readBoardMap(doc)
    expect(map.title).toBe('Worker & map')
    expect(map.concepts.map((c) => c.label)).toEqual(['A', 'B'])
    expect(map.links).toEqual([{ id: 'p', from: 'a', to: 'b', label: 'needs' }])
    expect(doc.getMap('meta').get('schemaVersion')).toEqual(expect.any(Number))
    doc.destroy()
  })

  it('cuts a file’s overlong title to the board limit and counts it; an explicit title wins', async () => {
    const runner = new ExchangeRunner()
    const long = await runner.run(importTask(CXL.replace('Worker &amp; map', 'T'.repeat(300))))
    expect(long.title).toBe('T'.repeat(200))
    expect(long.repaired.labels).toBe(1)
    expect((await runner.run(importTask(CXL, { title: 'Mine' }))).title).toBe('Mine')
  })

  it('passes refusals through with their reason', async () => {
    const err = await refusalOf(new ExchangeRunner().run(importTask('<!DOCTYPE x [<!ENTITY e "e">]><cmap/>')))
    expect(err).toBeInstanceOf(ExchangeRefusedError)
    expect((err as ExchangeRefusedError).reason).toBe('forbidden-dtd')
  })

  it('renders PNG, and refuses one past the size limit inside the worker too', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#0a0"/></svg>'
    const png = await new ExchangeRunner().run({ kind: 'png', svg, scale: 2 })
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([80, 60])
    const huge = svg.replace('width="40"', 'width="5000"')
    const err = await refusalOf(new ExchangeRunner().run({ kind: 'png', svg: huge, scale: 2 }))
    expect((err as ExchangeRefusedError).reason).toBe('image-too-large')
  })

  it('stops a task past its time limit', async () => {
    const started = Date.now()
    const err = await refusalOf(new ExchangeRunner({ timeoutMs: 50 }).run(importTask(CXL)))
    expect((err as ExchangeRefusedError).reason).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('reports a worker out of memory as too complex, not a crash', async () => {
    const big = CXL.replace('<concept id="b" label="B"/>', Array.from({ length: 20_000 }, (_, i) => `<concept id="c${i}" label="Concept ${i}"/>`).join(''))
    const err = await refusalOf(new ExchangeRunner({ maxHeapMb: 4 }).run(importTask(big)))
    expect((err as ExchangeRefusedError).reason).toBe('too-complex')
  })

  it('runs a few at a time, queues a few more and refuses the rest as busy', async () => {
    const runner = new ExchangeRunner({ maxRunning: 1, maxQueued: 1 })
    const first = runner.run(importTask(CXL))
    const second = runner.run(importTask(CXL))
    const third = refusalOf(runner.run(importTask(CXL)))
    expect(await third).toBeInstanceOf(ExchangeBusyError)
    expect((await first).concepts).toBe(2)
    expect((await second).concepts).toBe(2)
    // The slots came back: the runner takes work again.
    expect((await runner.run(importTask(CXL))).links).toBe(1)
  })
})
