import { describe, expect, it } from 'vitest'
import { validateFlow } from '../src/index.ts'
import { coreRegistry } from './core-nodes.ts'

type Doc = { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>>; settings?: Record<string, unknown> }

/** A valid cart-abandonment journey; each test breaks one thing in a fresh copy. */
function journey(): Doc {
  return {
    nodes: [
      { id: 'entry', type: 'trigger.event', version: 1, config: { event: 'cart_added' } },
      { id: 'wait30m', type: 'wait', version: 1, config: { for: '30m' } },
      {
        id: 'paid',
        type: 'branch',
        version: 1,
        config: { branches: [{ port: 'yes', when: { event: 'order_placed', since: 'entry' } }], otherwise: 'no' },
      },
      { id: 'sms', type: 'send.sms', version: 1, config: { text: 'Hi {{ contact.name | default: "there" }}' } },
      { id: 'done', type: 'exit', version: 1, config: { reason: 'paid' } },
    ],
    edges: [
      { source: 'entry', sourcePort: 'next', target: 'wait30m' },
      { source: 'wait30m', sourcePort: 'next', target: 'paid' },
      { source: 'paid', sourcePort: 'no', target: 'sms' },
      { source: 'paid', sourcePort: 'yes', target: 'done' },
    ],
    settings: { reentry: 'once', exitOn: ['order_placed'], timezone: 'Asia/Shanghai' },
  }
}

const registry = coreRegistry()

describe('validateFlow', () => {
  it('finds nothing wrong with a valid journey', () => {
    expect(validateFlow(journey(), registry)).toEqual([])
  })

  it('fills in schema defaults in place', () => {
    const doc = journey()
    delete doc.edges[0].sourcePort
    doc.nodes[3].config = { text: 'hi' }
    expect(validateFlow(doc, registry)).toEqual([])
    expect(doc.edges[0].sourcePort).toBe('next')
    expect(doc.nodes[3].config).toEqual({ text: 'hi', to: 'phone', category: 'marketing' })
  })

  it('accepts a node without a version, taking the newest', () => {
    const doc = journey()
    delete doc.nodes[1].version
    expect(validateFlow(doc, registry)).toEqual([])
  })

  describe('document shape', () => {
    it('names a node missing its id by index', () => {
      const doc = journey()
      delete doc.nodes[0].id
      expect(validateFlow(doc, registry)).toEqual([{ node: null, field: 'graph.nodes[0].id', message: 'is required' }])
    })

    it('names the node by id when another of its fields is malformed', () => {
      const doc = journey()
      doc.nodes[1].version = 0
      expect(validateFlow(doc, registry)).toEqual([{ node: 'wait30m', field: 'graph.nodes[1].version', message: 'must be >= 1' }])
    })

    it('refuses a node id with characters outside letters, digits, _ and -', () => {
      const doc = journey()
      doc.nodes[4].id = 'all done'
      const problems = validateFlow(doc, registry)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ node: 'all done', field: 'graph.nodes[4].id' })
    })

    it('refuses an unknown field on an edge', () => {
      const doc = journey()
      doc.edges[0].label = 'go'
      expect(validateFlow(doc, registry)).toEqual([{ node: null, field: 'graph.edges[0].label', message: 'is not a known field' }])
    })

    it('refuses a document without nodes', () => {
      expect(validateFlow({ edges: [] }, registry)).toEqual([{ node: null, field: 'graph.nodes', message: 'is required' }])
    })

    it('refuses something that is not a document', () => {
      expect(validateFlow('flow', registry)).toEqual([{ node: null, field: 'graph', message: 'must be object' }])
    })

    it('refuses an unknown reentry setting', () => {
      const doc = journey()
      doc.settings!.reentry = 'twice'
      expect(validateFlow(doc, registry)).toEqual([{ node: null, field: 'graph.settings.reentry', message: 'must match a schema in anyOf' }])
    })
  })

  describe('nodes', () => {
    it('refuses a node id used twice', () => {
      const doc = journey()
      doc.nodes.push({ id: 'sms', type: 'tag', version: 1, config: { add: ['x'] } })
      expect(validateFlow(doc, registry)).toEqual([{ node: 'sms', field: 'id', message: 'node id "sms" is used twice' }])
    })

    it('refuses an unknown node type', () => {
      const doc = journey()
      doc.nodes.push({ id: 'fax', type: 'send.fax', version: 1, config: {} })
      doc.edges.push({ source: 'sms', sourcePort: 'next', target: 'fax' })
      expect(validateFlow(doc, registry)).toEqual([{ node: 'fax', field: 'type', message: 'unknown node type "send.fax"' }])
    })

    it('refuses a version of a known type that is not loaded', () => {
      const doc = journey()
      doc.nodes[1].version = 2
      expect(validateFlow(doc, registry)).toEqual([{ node: 'wait30m', field: 'version', message: 'node type "wait" has no version 2' }])
    })

    it('refuses a config failing the node schema, naming node and field', () => {
      const doc = journey()
      doc.nodes[1].config = { for: 'soon' }
      const problems = validateFlow(doc, registry)
      expect(problems).toContainEqual({ node: 'wait30m', field: 'config.for', message: 'must be a duration such as 30s, 5m or 3d (at most 3650d)' })
      expect(problems.every((p) => p.node === 'wait30m' && p.field === 'config.for')).toBe(true)
    })

    it('refuses a missing required config field', () => {
      const doc = journey()
      doc.nodes[0].config = {}
      expect(validateFlow(doc, registry)).toEqual([{ node: 'entry', field: 'config.event', message: 'is required' }])
    })

    it("reports the node's own checks with the full path into the config", () => {
      const doc = journey()
      doc.nodes[2].config = { branches: [{ port: 'yes', when: { attribute: 'tier', op: 'like', value: 'gold' } }], otherwise: 'no' }
      expect(validateFlow(doc, registry)).toEqual([
        { node: 'paid', field: 'config.branches[0].when.op', message: 'must be one of eq, ne, gt, gte, lt, lte, in, contains, exists, startsWith' },
      ])
    })

    it('refuses a message template that does not parse', () => {
      const doc = journey()
      doc.nodes[3].config = { text: 'Hi {{ contact.name' }
      const problems = validateFlow(doc, registry)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ node: 'sms', field: 'config.text' })
      expect(problems[0].message).toMatch(/^template does not parse/)
    })
  })

  describe('edges', () => {
    it('refuses an edge from an unknown node', () => {
      const doc = journey()
      doc.edges.push({ source: 'ghost', sourcePort: 'next', target: 'sms' })
      expect(validateFlow(doc, registry)).toEqual([{ node: null, field: 'edges[4].source', message: 'edge starts at unknown node "ghost"' }])
    })

    it('refuses an edge to an unknown node, naming the source node', () => {
      const doc = journey()
      doc.edges.push({ source: 'sms', sourcePort: 'next', target: 'ghost' })
      expect(validateFlow(doc, registry)).toEqual([{ node: 'sms', field: 'edges[4].target', message: 'edge goes to unknown node "ghost"' }])
    })

    it('refuses a port the source node does not have, listing its ports', () => {
      const doc = journey()
      doc.edges.push({ source: 'sms', sourcePort: 'failed', target: 'done' })
      expect(validateFlow(doc, registry)).toEqual([
        { node: 'sms', field: 'edges[4].sourcePort', message: 'node has no port "failed" (ports: next, skipped)' },
      ])
    })

    it('knows the ports a branch computes from its config', () => {
      const doc = journey()
      doc.edges.push({ source: 'paid', sourcePort: 'maybe', target: 'done' })
      expect(validateFlow(doc, registry)).toEqual([
        { node: 'paid', field: 'edges[4].sourcePort', message: 'node has no port "maybe" (ports: yes, no)' },
      ])
    })

    it('refuses a port connected twice, naming the second edge', () => {
      const doc = journey()
      doc.edges.push({ source: 'paid', sourcePort: 'no', target: 'done' })
      expect(validateFlow(doc, registry)).toEqual([{ node: 'paid', field: 'edges[4].sourcePort', message: 'port "no" is connected twice' }])
    })

    it('refuses an edge into a trigger', () => {
      const doc = journey()
      doc.edges.push({ source: 'sms', sourcePort: 'next', target: 'entry' })
      expect(validateFlow(doc, registry)).toEqual([
        { node: 'entry', field: 'edges[4].target', message: 'a trigger starts the journey; nothing may lead into it' },
      ])
    })
  })

  describe('graph', () => {
    it('refuses a flow with no trigger', () => {
      const doc: Doc = { nodes: [{ id: 'tag', type: 'tag', version: 1, config: { add: ['x'] } }], edges: [] }
      expect(validateFlow(doc, registry)).toEqual([{ node: null, field: 'nodes', message: 'a flow needs a trigger node to start it' }])
    })

    it('does not claim a missing trigger when a node of a known type has an unknown version', () => {
      const doc = journey()
      doc.nodes[0].version = 9
      expect(validateFlow(doc, registry)).toEqual([{ node: 'entry', field: 'version', message: 'node type "trigger.event" has no version 9' }])
    })

    it('refuses a node no trigger leads to', () => {
      const doc = journey()
      doc.nodes.push({ id: 'orphan', type: 'tag', version: 1, config: { add: ['x'] } })
      expect(validateFlow(doc, registry)).toEqual([{ node: 'orphan', field: 'id', message: 'no trigger leads to this node' }])
    })

    it('refuses a loop without a wait', () => {
      const doc: Doc = {
        nodes: [
          { id: 'entry', type: 'trigger.event', config: { event: 'signed_up' } },
          { id: 't1', type: 'tag', config: { add: ['a'] } },
          { id: 't2', type: 'tag', config: { remove: ['a'] } },
        ],
        edges: [
          { source: 'entry', target: 't1' },
          { source: 't1', target: 't2' },
          { source: 't2', target: 't1' },
        ],
      }
      expect(validateFlow(doc, registry)).toEqual([
        { node: 't1', field: 'edges', message: 'loop t1 → t2 → t1 has no wait; a contact would spin in it forever' },
      ])
    })

    it('refuses a node that loops onto itself', () => {
      const doc = journey()
      doc.nodes[2].config = {
        branches: [{ port: 'again', when: { tag: 'retry' } }, { port: 'yes', when: { event: 'order_placed' } }],
        otherwise: 'no',
      }
      doc.edges.push({ source: 'paid', sourcePort: 'again', target: 'paid' })
      expect(validateFlow(doc, registry)).toEqual([
        { node: 'paid', field: 'edges', message: 'loop paid → paid has no wait; a contact would spin in it forever' },
      ])
    })

    it('accepts a loop that passes through a wait', () => {
      const doc = journey()
      doc.edges.push({ source: 'sms', sourcePort: 'next', target: 'wait30m' })
      expect(validateFlow(doc, registry)).toEqual([])
    })

    it('accepts a loop that passes through a wait for an event', () => {
      const doc: Doc = {
        nodes: [
          { id: 'entry', type: 'trigger.event', config: { event: 'signed_up' } },
          { id: 'nudge', type: 'send.sms', config: { text: 'Still there?' } },
          { id: 'reply', type: 'wait.event', config: { event: 'replied', timeout: '1d' } },
        ],
        edges: [
          { source: 'entry', target: 'nudge' },
          { source: 'nudge', target: 'reply' },
          { source: 'reply', sourcePort: 'timeout', target: 'nudge' },
        ],
      }
      expect(validateFlow(doc, registry)).toEqual([])
    })

    it('refuses an unknown timezone', () => {
      const doc = journey()
      doc.settings!.timezone = 'Mars/Olympus_Mons'
      expect(validateFlow(doc, registry)).toEqual([
        { node: null, field: 'settings.timezone', message: '"Mars/Olympus_Mons" is not a known IANA timezone' },
      ])
    })
  })

  it('lists every problem at once', () => {
    const doc = journey()
    doc.nodes[1].config = { for: '30m', extra: true }
    doc.nodes.push({ id: 'orphan', type: 'tag', version: 1, config: { add: ['x'] } })
    doc.nodes.push({ id: 'fax', type: 'send.fax', config: {} })
    doc.edges.push({ source: 'sms', sourcePort: 'oops', target: 'done' })
    doc.edges.push({ source: 'done', sourcePort: 'next', target: 'entry' })
    doc.settings!.timezone = 'Nowhere/Town'
    const problems = validateFlow(doc, registry)
    expect(problems).toEqual(
      expect.arrayContaining([
        { node: 'wait30m', field: 'config.extra', message: 'is not a known field' },
        { node: 'fax', field: 'type', message: 'unknown node type "send.fax"' },
        { node: null, field: 'settings.timezone', message: '"Nowhere/Town" is not a known IANA timezone' },
        { node: 'sms', field: 'edges[4].sourcePort', message: 'node has no port "oops" (ports: next, skipped)' },
        { node: 'done', field: 'edges[5].sourcePort', message: 'node has no port "next" (ports: none)' },
        { node: 'entry', field: 'edges[5].target', message: 'a trigger starts the journey; nothing may lead into it' },
        { node: 'orphan', field: 'id', message: 'no trigger leads to this node' },
        { node: 'fax', field: 'id', message: 'no trigger leads to this node' },
      ]),
    )
    expect(problems).toHaveLength(8)
  })
})
