import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { Client, Server, addConcept, addLink, brief, conceptMap } from './harness'

/** A server and one client that both already hold concepts A, B and link L1 A→B. */
function seeded(): { server: Server; client: Client } {
  const server = new Server()
  const client = new Client()
  server.apply(
    client.change(() => {
      addConcept(client, 'A', 'Delivery', 10, 20)
      addConcept(client, 'B', 'Trust', 30, 40)
      addLink(client, 'L1', 'A', 'B', 'builds')
    })
  )
  return { server, client }
}

const conceptOf = (c: Client, id: string) => c.concepts.get(id) as Y.Map<unknown>
const linkOf = (c: Client, id: string) => c.links.get(id) as Y.Map<unknown>

describe('deriveElementEvents: kinds', () => {
  it('a concept created with its label and position is one create', () => {
    const server = new Server()
    const client = new Client()
    const events = server.apply(client.change(() => addConcept(client, 'A', 'Delivery', 1, 2)))
    expect(events).toEqual([{ kind: 'create', elementType: 'concept', elementId: 'A' }])
  })

  it('an empty Y.Map set first and filled later in the same transaction is still one create', () => {
    const server = new Server()
    const client = new Client()
    const events = server.apply(
      client.change(() => {
        const m = new Y.Map<unknown>()
        client.concepts.set('A', m)
        m.set('label', 'Delivery')
        m.set('x', 1)
      })
    )
    expect(brief(events)).toEqual(['create concept:A'])
  })

  it('a link create carries its endpoints', () => {
    const server = new Server()
    const client = new Client()
    const events = server.apply(client.change(() => addLink(client, 'L', 'A', 'B')))
    expect(events).toEqual([{ kind: 'create', elementType: 'link', elementId: 'L', from: 'A', to: 'B' }])
  })

  it('relabel of a concept and of a link', () => {
    const { server, client } = seeded()
    expect(brief(server.apply(client.change(() => conceptOf(client, 'B').set('label', 'Customer trust'))))).toEqual([
      'relabel concept:B'
    ])
    expect(brief(server.apply(client.change(() => linkOf(client, 'L1').set('label', 'grows'))))).toEqual([
      'relabel link:L1'
    ])
  })

  it('reconnect (from or to) carries the new endpoints', () => {
    const { server, client } = seeded()
    const e1 = server.apply(client.change(() => linkOf(client, 'L1').set('to', 'A')))
    expect(e1).toEqual([{ kind: 'reconnect', elementType: 'link', elementId: 'L1', from: 'A', to: 'A' }])
    const e2 = server.apply(client.change(() => linkOf(client, 'L1').set('from', 'B')))
    expect(e2).toEqual([{ kind: 'reconnect', elementType: 'link', elementId: 'L1', from: 'B', to: 'A' }])
  })

  it('move: only x, y, w or h changed', () => {
    const { server, client } = seeded()
    const c = () => conceptOf(client, 'A')
    expect(brief(server.apply(client.change(() => c().set('x', 99))))).toEqual(['move concept:A'])
    expect(
      brief(
        server.apply(
          client.change(() => {
            c().set('y', 5)
            c().set('w', 100)
            c().set('h', 50)
          })
        )
      )
    ).toEqual(['move concept:A'])
  })

  it('restyle: any other field changed, added or removed', () => {
    const { server, client } = seeded()
    const c = () => conceptOf(client, 'A')
    expect(brief(server.apply(client.change(() => c().set('color', '#f00'))))).toEqual(['restyle concept:A'])
    expect(brief(server.apply(client.change(() => c().delete('color'))))).toEqual(['restyle concept:A'])
    // from/to on a concept are "any other field", not a reconnect
    expect(brief(server.apply(client.change(() => c().set('from', 'B'))))).toEqual(['restyle concept:A'])
  })

  it('delete of a concept and of a link', () => {
    const { server, client } = seeded()
    expect(brief(server.apply(client.change(() => client.concepts.delete('A'))))).toEqual(['delete concept:A'])
    expect(brief(server.apply(client.change(() => client.links.delete('L1'))))).toEqual(['delete link:L1'])
  })
})

describe('deriveElementEvents: priorities', () => {
  it('relabel beats restyle and move', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        conceptOf(client, 'A').set('x', 1)
        conceptOf(client, 'A').set('color', 'red')
        conceptOf(client, 'A').set('label', 'Fast delivery')
      })
    )
    expect(brief(events)).toEqual(['relabel concept:A'])
  })

  it('restyle beats move', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        conceptOf(client, 'A').set('x', 1)
        conceptOf(client, 'A').set('color', 'red')
      })
    )
    expect(brief(events)).toEqual(['restyle concept:A'])
  })

  it('reconnect beats relabel', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        linkOf(client, 'L1').set('label', 'x')
        linkOf(client, 'L1').set('to', 'A')
      })
    )
    expect(brief(events)).toEqual(['reconnect link:L1'])
  })

  it('delete beats any field change made before it in the same update', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        linkOf(client, 'L1').set('to', 'A')
        linkOf(client, 'L1').set('label', 'x')
        client.links.delete('L1')
      })
    )
    expect(brief(events)).toEqual(['delete link:L1'])
  })

  it('create then delete inside one update gives none', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        addConcept(client, 'Z')
        client.concepts.delete('Z')
      })
    )
    expect(events).toEqual([])
  })

  it('replacing the Y.Map under an existing key is a create (history restarts)', () => {
    const { server, client } = seeded()
    expect(brief(server.apply(client.change(() => addConcept(client, 'A', 'Other'))))).toEqual(['create concept:A'])
    // delete then recreate in one update, with an edit to the old map first: still a create
    const events = server.apply(
      client.change(() => {
        conceptOf(client, 'B').set('label', 'old map edited')
        client.concepts.delete('B')
        addConcept(client, 'B', 'New B')
      })
    )
    expect(brief(events)).toEqual(['create concept:B'])
  })

  it('writing back the value a field already had is no event', () => {
    const { server, client } = seeded()
    expect(server.apply(client.change(() => conceptOf(client, 'A').set('label', 'Delivery')))).toEqual([])
    // changed and changed back inside one update: nothing changed either
    const events = server.apply(
      client.change(() => {
        conceptOf(client, 'A').set('x', 500)
        conceptOf(client, 'A').set('x', 10)
      })
    )
    expect(events).toEqual([])
  })
})

describe('deriveElementEvents: several elements, ordering', () => {
  it('one update touching several elements gives one event each, sorted by id (code units)', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        addConcept(client, 'b') // lower-case sorts after upper-case in code-unit order
        addConcept(client, 'C')
        conceptOf(client, 'B').set('label', 'Customer trust')
        conceptOf(client, 'A').set('x', 3)
        addLink(client, 'L2', 'A', 'C')
        client.links.delete('L1')
      })
    )
    expect(brief(events)).toEqual([
      'move concept:A',
      'relabel concept:B',
      'create concept:C',
      'delete link:L1',
      'create link:L2',
      'create concept:b'
    ])
  })

  it('a concept and a link sharing an id: concept first', () => {
    const server = new Server()
    const client = new Client()
    const events = server.apply(
      client.change(() => {
        addLink(client, 'X', 'X', 'X')
        addConcept(client, 'X')
      })
    )
    expect(brief(events)).toEqual(['create concept:X', 'create link:X'])
  })
})

describe('deriveElementEvents: merged updates from a remote doc', () => {
  it('create, relabel and move in three remote transactions arrive as one create', () => {
    const server = new Server()
    const client = new Client()
    const update = client.changeMerged(
      () => addConcept(client, 'A', 'Delivery'),
      () => conceptOf(client, 'A').set('label', 'Fast delivery'),
      () => conceptOf(client, 'A').set('x', 42)
    )
    expect(brief(server.apply(update))).toEqual(['create concept:A'])
    expect(server.doc.getMap<Y.Map<unknown>>('concepts').get('A')?.get('label')).toBe('Fast delivery')
  })

  it('relabel then move of an existing concept, merged, is a relabel', () => {
    const { server, client } = seeded()
    const update = client.changeMerged(
      () => conceptOf(client, 'A').set('label', 'Speed'),
      () => conceptOf(client, 'A').set('x', 1)
    )
    expect(brief(server.apply(update))).toEqual(['relabel concept:A'])
  })

  it('create in one transaction and delete in a later one, merged, gives none', () => {
    const { server, client } = seeded()
    const update = client.changeMerged(
      () => addConcept(client, 'Z'),
      () => conceptOf(client, 'Z').set('label', 'zed'),
      () => client.concepts.delete('Z')
    )
    expect(server.apply(update)).toEqual([])
  })

  it('a concept deleted and a link moved in separate transactions, merged: two events', () => {
    const { server, client } = seeded()
    const update = client.changeMerged(
      () => client.concepts.delete('B'),
      () => linkOf(client, 'L1').set('to', 'A'),
      () => linkOf(client, 'L1').set('label', 'loops')
    )
    expect(brief(server.apply(update))).toEqual(['delete concept:B', 'reconnect link:L1'])
  })

  it('a delete and a recreate of the same key, merged, is a create', () => {
    const { server, client } = seeded()
    const update = client.changeMerged(
      () => client.concepts.delete('A'),
      () => addConcept(client, 'A', 'Reborn')
    )
    expect(brief(server.apply(update))).toEqual(['create concept:A'])
  })
})

describe('deriveElementEvents: deletes, concurrency, stray values', () => {
  it('deleting a concept is one delete; its links are not touched', () => {
    const { server, client } = seeded()
    expect(brief(server.apply(client.change(() => client.concepts.delete('B'))))).toEqual(['delete concept:B'])
  })

  it('a relabel arriving after a concurrent delete of the concept gives nothing', () => {
    const { server, client } = seeded()
    const other = new Client()
    other.syncFrom(server)
    const del = client.change(() => client.concepts.delete('A'))
    const relabel = other.change(() => conceptOf(other, 'A').set('label', 'too late'))
    expect(brief(server.apply(del))).toEqual(['delete concept:A'])
    expect(server.apply(relabel)).toEqual([])
  })

  // Yjs resolves concurrent writes to one map key by client id: the larger id wins.
  it.each([
    { name: 'the later-applied write wins', first: 1, second: 2, expected: ['relabel concept:A'], label: 'second' },
    { name: 'the later-applied write loses', first: 2, second: 1, expected: [], label: 'first' }
  ])('concurrent relabels: $name', ({ first, second, expected, label }) => {
    const server = new Server()
    const a = new Client(first)
    const b = new Client(second)
    server.apply(a.change(() => addConcept(a, 'A', 'start')))
    b.syncFrom(server)
    const fromA = a.change(() => conceptOf(a, 'A').set('label', 'first'))
    const fromB = b.change(() => conceptOf(b, 'A').set('label', 'second'))
    expect(brief(server.apply(fromA))).toEqual(['relabel concept:A'])
    expect(brief(server.apply(fromB))).toEqual(expected)
    expect(server.doc.getMap<Y.Map<unknown>>('concepts').get('A')?.get('label')).toBe(label)
  })

  it.each([
    { first: 1, second: 2, expected: ['create concept:K'], label: 'second' },
    { first: 2, second: 1, expected: [], label: 'first' }
  ])('concurrent creates of one key (clients $first then $second)', ({ first, second, expected, label }) => {
    const server = new Server()
    const a = new Client(first)
    const b = new Client(second)
    const fromA = a.change(() => addConcept(a, 'K', 'first'))
    const fromB = b.change(() => addConcept(b, 'K', 'second'))
    expect(brief(server.apply(fromA))).toEqual(['create concept:K'])
    // the winner replaces the element (a create); a losing map never becomes visible
    expect(brief(server.apply(fromB))).toEqual(expected)
    expect(server.doc.getMap<Y.Map<unknown>>('concepts').get('K')?.get('label')).toBe(label)
  })

  it('non-map values under element keys and other top-level types give nothing', () => {
    const { server, client } = seeded()
    const events = server.apply(
      client.change(() => {
        ;(client.concepts as Y.Map<unknown>).set('junk', 'a string')
        client.doc.getMap('meta').set('title', 'Board')
        client.doc.getArray('other').push([1])
      })
    )
    expect(events).toEqual([])
    expect(server.apply(client.change(() => (client.concepts as Y.Map<unknown>).delete('junk')))).toEqual([])
  })

  it('a concept replaced by a copy of itself in one update gives nothing; by a different map, a create', () => {
    const { server, client } = seeded()
    const copyOfA = (label: string) => {
      const m = new Y.Map<unknown>()
      m.set('label', label)
      m.set('x', 10)
      m.set('y', 20)
      return m
    }
    expect(server.apply(client.change(() => client.concepts.set('A', copyOfA('Delivery'))))).toEqual([])
    expect(brief(server.apply(client.change(() => client.concepts.set('A', copyOfA('Other')))))).toEqual(['create concept:A'])
  })

  it('a concept overwritten by a non-map value is deleted; a non-map value replaced by a map is created', () => {
    const { server, client } = seeded()
    expect(brief(server.apply(client.change(() => (client.concepts as Y.Map<unknown>).set('A', 42))))).toEqual([
      'delete concept:A'
    ])
    expect(brief(server.apply(client.change(() => addConcept(client, 'A'))))).toEqual(['create concept:A'])
  })

  it('an edit inside a nested type counts as a change of the field holding it', () => {
    const server = new Server()
    const client = new Client()
    server.apply(
      client.change(() => {
        const label = new Y.Text('Deliv')
        client.concepts.set('A', conceptMap({ label, x: 0, y: 0, style: new Y.Map() }))
      })
    )
    const c = () => conceptOf(client, 'A')
    expect(brief(server.apply(client.change(() => (c().get('label') as Y.Text).insert(5, 'ery'))))).toEqual([
      'relabel concept:A'
    ])
    expect(
      brief(server.apply(client.change(() => (c().get('style') as Y.Map<unknown>).set('color', 'red'))))
    ).toEqual(['restyle concept:A'])
  })
})
