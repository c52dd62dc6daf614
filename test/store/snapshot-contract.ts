import { describe, it } from 'vitest'
import type { WithStoreFixture } from './journal-contract'

/** What every snapshot store must do (part of the store contract both stores run, journal-contract.ts). */
export function snapshotContract(name: string, withFixture: WithStoreFixture): void {
  describe(`${name}: snapshot contract`, () => {
    const snapshot = (id: string, at: number) => ({
      id,
      boardId: 'sb',
      name: `<b>${id}</b>`,
      at,
      seq: at,
      kind: 'manual' as const,
      createdAt: at,
      map: { title: 't', focusQuestion: 'q', concepts: [{ id: 'a', label: 'A & B', x: 1, y: 2 }], links: [] },
      metrics: null
    })

    it('keeps snapshots per board, lists them by time without maps, and survives a reopen', withFixture(async (f, expect) => {
      await f.snapshots.create(snapshot('s2', 20))
      await f.snapshots.create(snapshot('s1', 10))
      expect((await f.snapshots.list('sb')).map((s) => s.id)).toEqual(['s1', 's2'])
      expect(await f.snapshots.list('other')).toEqual([])
      const reopened = (await f.reopen()).snapshots
      expect(await reopened.get('sb', 's1')).toEqual(snapshot('s1', 10))
      expect(await reopened.get('sb', 'nope')).toBeNull()
      expect(await reopened.get('sb', '../../meta')).toBeNull()
      expect(await reopened.get('other', 's1')).toBeNull()
    }))
  })
}
