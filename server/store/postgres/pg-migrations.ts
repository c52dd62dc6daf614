import type pg from 'pg'
import { inTransaction, schemaIdent } from './pg-pool'

/**
 * The schema, as named steps applied in order and never edited once shipped: a change is a new step.
 * Records are kept as `json` (not `jsonb`: it keeps text exactly, including escaped NULs) beside the
 * columns that queries filter and sort on.
 */
export const MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: '001-metadata-tables',
    sql: `
      CREATE TABLE boards (id text PRIMARY KEY, ord bigserial, data json NOT NULL);
      CREATE TABLE invites (id text PRIMARY KEY, board_id text NOT NULL, created_at double precision NOT NULL,
        ord bigserial, data json NOT NULL);
      CREATE INDEX invites_board ON invites (board_id, created_at, ord);
      CREATE TABLE participants (id text PRIMARY KEY, board_id text NOT NULL, ord bigserial, data json NOT NULL);
      CREATE INDEX participants_board ON participants (board_id, ord);
      CREATE TABLE session_marks (id text PRIMARY KEY, board_id text NOT NULL, started_at double precision NOT NULL,
        ord bigserial, data json NOT NULL);
      CREATE INDEX session_marks_board ON session_marks (board_id, started_at, ord);
      CREATE SEQUENCE pulses_ord;
      CREATE TABLE pulses (board_id text NOT NULL, session text NOT NULL, participant_id text NOT NULL,
        ord bigint NOT NULL, data json NOT NULL, PRIMARY KEY (board_id, session, participant_id));
      CREATE INDEX pulses_board ON pulses (board_id, ord);
      CREATE TABLE secrets (name text PRIMARY KEY, value text NOT NULL);
    `
  },
  {
    name: '002-journal-tables',
    sql: `
      -- One row per board: the counter that makes seqs gap-free across instances (updated in the
      -- appending transaction, so a rolled-back append leaves no gap) and keeps arrival times monotonic.
      CREATE TABLE journal_heads (board_id text PRIMARY KEY, last_seq bigint NOT NULL, last_at double precision NOT NULL);
      CREATE TABLE journal_entries (board_id text NOT NULL, seq bigint NOT NULL, at double precision NOT NULL,
        participant_id text NOT NULL, update bytea NOT NULL, PRIMARY KEY (board_id, seq));
      CREATE TABLE checkpoints (board_id text NOT NULL, seq bigint NOT NULL, at double precision NOT NULL,
        state bytea NOT NULL, PRIMARY KEY (board_id, seq));
      -- Appends a batch in one statement (one round trip): locks the board's head row, so appends
      -- from every instance are serialised per board, and returns where the batch starts.
      CREATE FUNCTION journal_append(p_board text, p_at double precision[], p_participant text[], p_update bytea[])
      RETURNS TABLE (prev_seq bigint, prev_at double precision)
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        v_seq bigint;
        v_at double precision;
      BEGIN
        INSERT INTO journal_heads (board_id, last_seq, last_at) VALUES (p_board, 0, 0) ON CONFLICT DO NOTHING;
        SELECT h.last_seq, h.last_at INTO v_seq, v_at FROM journal_heads h WHERE h.board_id = p_board FOR UPDATE;
        INSERT INTO journal_entries (board_id, seq, at, participant_id, update)
          SELECT p_board, v_seq + u.ord, greatest(v_at, max(u.a) OVER (ORDER BY u.ord)), u.p, u.d
          FROM unnest(p_at, p_participant, p_update) WITH ORDINALITY AS u(a, p, d, ord);
        UPDATE journal_heads SET last_seq = v_seq + cardinality(p_at),
          last_at = greatest(v_at, (SELECT max(x) FROM unnest(p_at) AS x))
          WHERE board_id = p_board;
        RETURN QUERY SELECT v_seq, v_at;
      END
      $fn$;
    `
  },
  {
    name: '003-snapshots-and-history',
    sql: `
      CREATE TABLE snapshots (board_id text NOT NULL, id text NOT NULL, at double precision NOT NULL,
        created_at double precision NOT NULL, summary json NOT NULL, data json NOT NULL, PRIMARY KEY (board_id, id));
      CREATE TABLE history_records (board_id text NOT NULL, seq bigint NOT NULL, at double precision NOT NULL,
        event_count bigint NOT NULL, data json NOT NULL, PRIMARY KEY (board_id, seq));
      CREATE TABLE history_keyframes (board_id text NOT NULL, seq bigint NOT NULL, at double precision NOT NULL,
        event_count bigint NOT NULL, map json NOT NULL, PRIMARY KEY (board_id, seq));
    `
  },
  {
    name: '004-invite-codes',
    sql: `
      -- Group links' join codes (/j/CODE) are looked up across boards.
      CREATE UNIQUE INDEX invites_code ON invites ((data->>'code')) WHERE data->>'code' IS NOT NULL;
    `
  },
  {
    name: '005-dot-votes',
    sql: `
      CREATE TABLE vote_rounds (id text PRIMARY KEY, board_id text NOT NULL, opened_at double precision NOT NULL,
        open boolean NOT NULL, ord bigserial, data json NOT NULL);
      CREATE INDEX vote_rounds_board ON vote_rounds (board_id, opened_at, ord);
      -- At most one open round per board, whichever instance opens it.
      CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds (board_id) WHERE open;
      CREATE SEQUENCE vote_ballots_ord;
      CREATE TABLE vote_ballots (board_id text NOT NULL, round_id text NOT NULL, participant_id text NOT NULL,
        ord bigint NOT NULL, data json NOT NULL, PRIMARY KEY (round_id, participant_id));
      CREATE INDEX vote_ballots_board ON vote_ballots (board_id, ord);
    `
  }
]

/**
 * Brings the schema up to date. Runs in one transaction under an advisory lock named after the
 * schema, so instances starting together apply each step exactly once and the others wait for it.
 */
export async function applyMigrations(pool: pg.Pool, schema: string): Promise<string[]> {
  const ident = schemaIdent(schema)
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`common-ground-schema:${schema}`])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident}`)
    await client.query(`SET LOCAL search_path = ${ident}`)
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
    const applied: string[] = []
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name])
      applied.push(m.name)
    }
    return applied
  })
}
