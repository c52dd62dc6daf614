import { propositions, type BoardMap } from '../schema/board-map'
import { hexColor } from './color'
import { escapeXml } from './escape-xml'
import { conceptBox } from './layout'

/**
 * GraphML for graph tools. Plain data keys named `label`, `x`, `y` are what Gephi and most libraries
 * read; the yFiles `nodegraphics`/`edgegraphics` data is what makes yEd draw labelled boxes and
 * arrows instead of bare dots (other readers skip it). Element ids are positional (`n0`, `e0`),
 * because GraphML ids must be NMTOKENs and board ids written by stock clients need not be; the
 * board id is kept in `cgId`.
 */

const HEADER = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:y="http://www.yworks.com/xml/graphml" ' +
  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">'

const KEYS = [
  '<key id="title" for="graph" attr.name="title" attr.type="string"/>',
  '<key id="focusQuestion" for="graph" attr.name="focusQuestion" attr.type="string"/>',
  '<key id="label" for="node" attr.name="label" attr.type="string"/>',
  '<key id="x" for="node" attr.name="x" attr.type="double"/>',
  '<key id="y" for="node" attr.name="y" attr.type="double"/>',
  '<key id="color" for="node" attr.name="color" attr.type="string"/>',
  '<key id="cgId" for="node" attr.name="cgId" attr.type="string"/>',
  '<key id="nodegraphics" for="node" yfiles.type="nodegraphics"/>',
  '<key id="edgeLabel" for="edge" attr.name="label" attr.type="string"/>',
  '<key id="edgeCgId" for="edge" attr.name="cgId" attr.type="string"/>',
  '<key id="edgegraphics" for="edge" yfiles.type="edgegraphics"/>'
]

const num = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '0')
const data = (key: string, value: string) => `<data key="${key}">${escapeXml(value)}</data>`

export function exportGraphml(map: BoardMap): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', HEADER, ...KEYS.map((k) => `  ${k}`), '  <graph id="G" edgedefault="directed">']
  out.push(`    ${data('title', map.title)}`, `    ${data('focusQuestion', map.focusQuestion)}`)
  const nodeIds = new Map<string, string>()
  for (const c of map.concepts) {
    if (nodeIds.has(c.id)) continue
    const id = `n${nodeIds.size}`
    nodeIds.set(c.id, id)
    const b = conceptBox(c)
    const fill = hexColor(c.color)
    // yEd's geometry is the top-left corner; ours is the centre.
    const graphics = `<y:ShapeNode><y:Geometry x="${num(b.cx - b.w / 2)}" y="${num(b.cy - b.h / 2)}" width="${num(b.w)}" height="${num(b.h)}"/>` +
      `<y:Fill color="${(fill ?? '#edf4f6').toUpperCase()}" transparent="false"/><y:BorderStyle color="#000000" type="line" width="1.0"/>` +
      `<y:NodeLabel>${escapeXml(c.label)}</y:NodeLabel><y:Shape type="roundrectangle"/></y:ShapeNode>`
    out.push(`    <node id="${id}">${data('label', c.label)}${data('x', num(b.cx))}${data('y', num(b.cy))}` +
      `${fill ? data('color', fill) : ''}${data('cgId', c.id)}<data key="nodegraphics">${graphics}</data></node>`)
  }
  propositions(map).forEach((l, i) => {
    const graphics = '<y:PolyLineEdge><y:LineStyle color="#000000" type="line" width="1.0"/><y:Arrows source="none" target="standard"/>' +
      `${l.label ? `<y:EdgeLabel>${escapeXml(l.label)}</y:EdgeLabel>` : ''}</y:PolyLineEdge>`
    out.push(`    <edge id="e${i}" source="${nodeIds.get(l.from)}" target="${nodeIds.get(l.to)}">` +
      `${data('edgeLabel', l.label)}${data('edgeCgId', l.id)}<data key="edgegraphics">${graphics}</data></edge>`)
  })
  out.push('  </graph>', '</graphml>', '')
  return out.join('\n')
}
