import { randomBytes } from 'node:crypto'

/** A random, URL-safe id (9 bytes: 12 characters) for invites, participants, boards, sessions, snapshots. */
export const newId = (bytes = 9) => randomBytes(bytes).toString('base64url')
