import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'
import type { BoardMap } from '../../../shared/schema/board-map'

export { REAL_CXL } from '../../support/shared-fixtures'

export function fixture(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url)), 'utf8')
}

/** Order-insensitive view of a map, for comparing round trips. */
export function normalized(map: BoardMap): BoardMap {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return { ...map, concepts: [...map.concepts].sort(byId), links: [...map.links].sort(byId) }
}

/**
 * Well-formed by fast-xml-parser's validator, plus what that validator lets through: entity
 * references other than the predefined and numeric ones, a stray `]]>`, DTDs, several roots.
 */
export function expectWellFormedXml(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml).not.toMatch(/<!DOCTYPE|<!ENTITY/i)
  for (const m of xml.matchAll(/&([^;\s]{0,12});?/g)) expect(m[0]).toMatch(/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/)
  expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toContain(']]>')
  const tree = new XMLParser({ preserveOrder: true, ignoreDeclaration: true, commentPropName: '#comment' }).parse(xml) as object[]
  expect(tree.filter((n) => !('#comment' in n)).length).toBe(1)
}

/** Every element name and each one's attribute names, prefixes kept. */
export function vocabulary(xml: string): Map<string, Set<string>> {
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', ignoreDeclaration: true }).parse(xml)
  const vocab = new Map<string, Set<string>>()
  const walk = (nodes: Record<string, unknown>[]) => {
    for (const node of nodes) {
      for (const [name, value] of Object.entries(node)) {
        if (name === ':@' || name.startsWith('#')) continue
        const attrs = vocab.get(name) ?? new Set<string>()
        for (const a of Object.keys((node[':@'] as object | undefined) ?? {})) attrs.add(a)
        vocab.set(name, attrs)
        if (Array.isArray(value)) walk(value as Record<string, unknown>[])
      }
    }
  }
  walk(tree)
  return vocab
}

/** Names of the element children of the first element called `name`. */
export function childNames(xml: string, name: string): string[] {
  const tree = new XMLParser({ preserveOrder: true, ignoreDeclaration: true }).parse(xml)
  const find = (nodes: Record<string, unknown>[]): string[] | null => {
    for (const node of nodes) {
      for (const [k, v] of Object.entries(node)) {
        if (!Array.isArray(v)) continue
        if (k === name) return (v as Record<string, unknown>[]).flatMap((c) => Object.keys(c).filter((n) => !n.startsWith('#') && n !== ':@'))
        const found = find(v as Record<string, unknown>[])
        if (found) return found
      }
    }
    return null
  }
  return find(tree) ?? []
}
