import type { BoardMap } from '../schema/board-map'
import type { Repaired } from './import-common'

/**
 * `map` with each concept's `origin` kept only when its stream item is among `items` (the ids of
 * the stream the map lands beside); any other is dropped and counted as a repaired field. An origin
 * whose item is not on the board shows the "from the customer voice" badge with no card behind it
 * and counts for nothing in the stream metrics, so a board made from a file (which carries no
 * stream) keeps none. A paste onto the board it came from keeps them: that is why importJson
 * itself does not drop them.
 */
export function keepOriginsWithItems(map: BoardMap, items: ReadonlySet<string>, repaired: Repaired): BoardMap {
  if (!map.concepts.some((c) => c.origin !== undefined && !items.has(c.origin))) return map
  const concepts = map.concepts.map((c) => {
    if (c.origin === undefined || items.has(c.origin)) return c
    repaired.fields++
    const { origin: _lost, ...rest } = c
    return rest
  })
  return { ...map, concepts }
}
