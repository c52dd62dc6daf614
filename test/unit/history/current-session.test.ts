import { describe, expect, it } from 'vitest'
import type { BoardSession } from '../../../shared/api/sessions'
import { currentSession } from '../../../server/sessions/current-session'

const s = (id: string, kind: BoardSession['kind'], start: number, end: number, open = false): BoardSession => ({ id, name: null, kind, start, end, open })

describe('currentSession (the session a pulse answer is for by default)', () => {
  it('is null without sessions', () => {
    expect(currentSession([])).toBeNull()
  })

  it('is the running one, a marked session before one found from activity', () => {
    expect(currentSession([s('a', 'activity', 0, 10), s('m', 'marked', 20, 30, true), s('b', 'activity', 5, 40, true)])?.id).toBe('m')
    expect(currentSession([s('m', 'marked', 0, 10), s('b', 'activity', 20, 40, true)])?.id).toBe('b')
  })

  it('else the one that ended last (the later start on a tie)', () => {
    expect(currentSession([s('m', 'marked', 0, 50), s('a', 'activity', 10, 40)])?.id).toBe('m')
    expect(currentSession([s('a', 'activity', 0, 40), s('m', 'marked', 30, 40)])?.id).toBe('m')
  })
})
