import * as Y from 'yjs'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { openBoard, useHarness } from './harness'

// Two browsers that received the same links in a different order place every linking phrase alike.
// One watches the links arrive one by one (the first to arrive used to take the spot both phrases
// want); the other opens later and gets them all at once, in the order of the writers' client ids.

/** Where each link's phrase is drawn on a page, by link id. */
const phrases = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
    return Object.fromEntries([...root.querySelectorAll('cg-link')].map((el) => [el.link.id, [el.style.left, el.style.top]]))
  })

function addLink(c: StockClient, id: string, from: string, to: string, label: string): void {
  const m = new Y.Map<unknown>()
  m.set('from', from)
  m.set('to', to)
  m.set('label', label)
  c.doc.getMap<Y.Map<unknown>>('links').set(id, m)
}

describe('board: linking phrases are placed from the document, not from the order links arrived in', () => {
  const h = useHarness()
  const writers: StockClient[] = []
  afterAll(async () => {
    for (const w of writers) w.destroy()
  })

  it('places the same phrases identically in two browsers that got the links in different orders', async () => {
    const { id } = await h.server.createBoard('Crossing', 'Who gets the middle?')
    // Two writers; the one that writes first has the lower client id, so a browser opening later
    // receives the second writer's link first.
    const make = async (name: string) => {
      const c = stockClient(h.server.wsUrl, id, (await h.server.invite(id, 'brand', name)).token)
      writers.push(c)
      await synced(c)
      return c
    }
    const [low, high] = [await make('Writer one'), await make('Writer two')].sort((a, b) => a.doc.clientID - b.doc.clientID) as [StockClient, StockClient]
    // Crossing links: both phrases want the crossing, in the middle.
    low.doc.transact(() => {
      const concepts = low.doc.getMap<Y.Map<unknown>>('concepts')
      for (const [cid, label, x, y] of [['a', 'Alpha', 0, 0], ['b', 'Beta', 400, 300], ['c', 'Gamma', 400, 0], ['d', 'Delta', 0, 300]] as const) {
        const m = new Y.Map<unknown>()
        m.set('label', label)
        m.set('x', x)
        m.set('y', y)
        concepts.set(cid, m)
      }
    })
    await waitFor(() => high.doc.getMap('concepts').size === 4, 5000, 'concepts')

    const watcher = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Wanda Watcher')).url)
    await expect.poll(() => watcher.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.concepts.size)).toBe(4)
    addLink(low, 'zz-low', 'a', 'b', 'leads to')
    await waitFor(() => high.doc.getMap('links').size === 1, 5000, 'link at the other writer')
    await expect.poll(async () => Object.keys(await phrases(watcher)).length).toBe(1)
    addLink(high, 'aa-high', 'c', 'd', 'comes from')
    await expect.poll(async () => Object.keys(await phrases(watcher)).length).toBe(2)

    const late = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Lars Late')).url)
    await expect.poll(async () => Object.keys(await phrases(late)).length).toBe(2)
    // The views settle (a placement redone once moves stop).
    await watcher.waitForTimeout(500)
    const seen = await phrases(watcher)
    expect(await phrases(late)).toEqual(seen)
    // Both phrases are placed apart: one has the crossing, the other moved off it.
    expect(seen['zz-low']).not.toEqual(seen['aa-high'])
    await watcher.screenshot({ path: '/tmp/i20-phrase-order-watcher.png' })
    await late.screenshot({ path: '/tmp/i20-phrase-order-late.png' })
  })
})
