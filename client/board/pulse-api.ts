/** The three pulse items of metrics.md (10), each an integer 1–5 or null (not answered). */
export interface PulseAnswers {
  understood: number | null
  learned: number | null
  represents: number | null
}

export const PULSE_QUESTIONS: ReadonlyArray<{ item: keyof PulseAnswers; text: string }> = [
  { item: 'understood', text: 'The other side understood my view' },
  { item: 'learned', text: 'I learned something new about the other side' },
  { item: 'represents', text: 'This map represents what we share' }
]

interface Target {
  /** The API's origin; empty for this page's own. */
  server: string
  boardId: string
  token: string
}

const boardApi = (t: Target, path: string) => `${t.server.replace(/\/+$/, '')}/api/boards/${encodeURIComponent(t.boardId)}/${path}`

async function call(t: Target, path: string, body: unknown): Promise<Response> {
  return fetch(boardApi(t, path), {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
}

async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null
  return new Error(body?.error ?? `the server answered ${res.status}`)
}

/** Sends one participant's answer set; without a session the server picks the board's current one. */
export async function sendPulse(t: Target, answers: PulseAnswers, session: string | null): Promise<void> {
  const res = await call(t, 'pulse', session ? { session, ...answers } : answers)
  if (!res.ok) throw await failure(res)
}

/**
 * Ends the session a facilitator marked; when none is running, marks one and ends it at once, so
 * the pulse is still asked for the work since the last session.
 */
export async function endSession(t: Target): Promise<{ id: string }> {
  let res = await call(t, 'sessions/end', {})
  if (res.status === 409) {
    const started = await call(t, 'sessions/start', {})
    if (!started.ok) throw await failure(started)
    res = await call(t, 'sessions/end', {})
  }
  if (!res.ok) throw await failure(res)
  return (await res.json()) as { id: string }
}
