import { describe, it } from 'vitest'
import type { HistoryRecord } from '../../server/store/history'
import type { WithStoreFixture } from './journal-contract'

/** What every store's derived history must do (part of the store contract both stores run, journal-contract.ts). */
export function historyContract(name: string, withFixture: WithStoreFixture): void {
  describe(`${name}: derived history contract`, () => {
    const record = (seq: number, eventsBefore: number): HistoryRecord => ({
      seq,
      at: 1000 + seq * 10,
      participantId: `p${seq % 3}`,
      eventsBefore,
      events: seq % 2 === 0 ? [] : [{ kind: 'create', elementType: 'link', elementId: `l${seq}`, from: 'a', to: 'b' }],
      changes: [
        { type: 'concept', id: `c${seq}`, value: { id: `c${seq}`, label: `Label “${seq}” <b>`, x: seq, y: -seq, color: '#fff' } },
        { type: 'link', id: `l${seq}`, value: seq % 5 === 0 ? null : { id: `l${seq}`, from: 'a', to: 'b', label: 'builds' } },
        { type: 'meta', key: 'title', value: `T${seq}` }
      ]
    })
    const records = (from: number, to: number) => {
      const out: HistoryRecord[] = []
      let events = 0
      for (let seq = 1; seq <= to; seq++) {
        const r = record(seq, events)
        events += r.events.length
        if (seq >= from) out.push(r)
      }
      return out
    }
    const map = (n: number) => ({ title: `T${n}`, focusQuestion: 'q', concepts: [{ id: 'a', label: 'A', x: 1, y: 2 }], links: [] })

    it('starts empty, appends records in order and reads them back in pages across a reopen', withFixture(async (f, expect) => {
      const h = await f.history.open('hb')
      expect(await h.open()).toEqual({ lastSeq: 0, lastAt: 0, eventCount: 0 })
      const all = records(1, 700)
      await h.append(all.slice(0, 300))
      await h.append(all.slice(300))
      expect((await h.read(0, 3)).map((r) => r.seq)).toEqual([1, 2, 3])
      expect(await h.read(299, 2)).toEqual(all.slice(299, 301))
      expect(await h.read(700, 5)).toEqual([])
      await h.close()
      const again = await (await f.reopen()).history.open('hb')
      expect(await again.open()).toEqual({ lastSeq: 700, lastAt: 1000 + 7000, eventCount: 350 })
      expect(await again.read(0, 10_000)).toEqual(all)
      expect(await again.read(511, 1)).toEqual([all[511]])
      await again.close()
    }))

    it('refuses records that do not continue the stored ones', withFixture(async (f, expect) => {
      const h = await f.history.open('gap')
      await h.open()
      await h.append(records(1, 2))
      await expect(h.append(records(4, 4))).rejects.toThrow()
      await expect(h.append(records(2, 2))).rejects.toThrow()
      await h.append(records(3, 3))
      expect((await h.read(0, 10)).map((r) => r.seq)).toEqual([1, 2, 3])
      await h.close()
    }))

    it('keeps keyframes, lists them oldest first, and clears everything', withFixture(async (f, expect) => {
      const h = await f.history.open('kf')
      await h.open()
      await h.append(records(1, 40))
      await expect(h.writeKeyframe({ seq: 41, at: 1, eventCount: 0, map: map(41) })).rejects.toThrow()
      await h.writeKeyframe({ seq: 30, at: 1300, eventCount: 15, map: map(30) })
      await h.writeKeyframe({ seq: 10, at: 1100, eventCount: 5, map: map(10) })
      await h.close()
      const again = await (await f.reopen()).history.open('kf')
      await again.open()
      expect(await again.keyframes()).toEqual([
        { seq: 10, at: 1100, eventCount: 5 },
        { seq: 30, at: 1300, eventCount: 15 }
      ])
      expect(await again.readKeyframe(30)).toEqual({ seq: 30, at: 1300, eventCount: 15, map: map(30) })
      expect(await again.readKeyframe(20)).toBeNull()
      expect(await again.read(30, 2)).toEqual(records(31, 32))
      await again.clear()
      expect(await again.keyframes()).toEqual([])
      expect(await again.read(0, 10)).toEqual([])
      await again.append(records(1, 1))
      await again.close()
      const third = await (await f.reopen()).history.open('kf')
      expect(await third.open()).toEqual({ lastSeq: 1, lastAt: 1010, eventCount: 1 })
      await third.close()
    }))

    it('keeps boards apart', withFixture(async (f, expect) => {
      const a = await f.history.open('ha')
      const b = await f.history.open('hb2')
      await a.open()
      await b.open()
      await a.append(records(1, 3))
      expect(await b.read(0, 10)).toEqual([])
      await a.close()
      await b.close()
    }))
  })
}
