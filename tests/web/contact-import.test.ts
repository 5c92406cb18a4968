// The editor's CSV reading and contact-import rules, on the files spreadsheets write: quoted
// fields, Excel's byte-order mark and semicolons, CRLF; and what a row becomes or why it cannot.
import { describe, expect, it } from 'vitest'
import { parseCsv, toCsv } from '../../web/src/lib/csv.ts'
import { readCodes } from '../../web/src/lib/coupon-codes.ts'
import { batches, buildWrites, guessMapping, mappingProblem, rowOfField } from '../../web/src/lib/contact-import.ts'

const say = (key: string, values?: Record<string, unknown>) => `${key.split('.').pop()}${values ? ` ${JSON.stringify(values)}` : ''}`
const reps = [{ id: 'li.wei', name: '李伟', email: null, phone: null, wecomId: null, team: null, available: true, openTasks: 0 }]

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF, a BOM, and leaves out blank lines', () => {
    const text = '\uFEFFid,name,note\r\n1,"Wang, Fang","said ""hi""\r\nthen left"\r\n\r\n2,Li,\r\n'
    expect(parseCsv(text)).toEqual([['id', 'name', 'note'], ['1', 'Wang, Fang', 'said "hi"\r\nthen left'], ['2', 'Li', '']])
  })

  it("takes Excel's semicolons or tabs when the header uses them", () => {
    expect(parseCsv('id;name\n1;王芳')).toEqual([['id', 'name'], ['1', '王芳']])
    expect(parseCsv('id\tname\n1\tLi')).toEqual([['id', 'name'], ['1', 'Li']])
  })

  it('writes what it reads back', () => {
    const rows = [['id', 'name'], ['1', 'Wang, "F"'], ['2', '两行\n文本']]
    expect(parseCsv(toCsv(rows))).toEqual(rows)
  })
})

describe('coupon codes from a file', () => {
  it('takes the code column of a CSV, else the first; counts repeats and rejects', () => {
    expect(readCodes('note,code\nx,A1\ny,A2\nz,A1\nw,has space')).toEqual({ codes: ['A1', 'A2'], duplicates: 1, rejected: ['has space'] })
    expect(readCodes('B1\nB2\n\nB2\n')).toEqual({ codes: ['B1', 'B2'], duplicates: 1, rejected: [] })
  })
})

describe('contact import', () => {
  const header = ['客户编号', 'name', 'phone', 'orders', 'vip', 'tags', '负责人']
  const rows = [
    ['m-1', '王芳', '+8613900000001', '3', 'yes', 'vip; renewal', '李伟'],
    ['', 'No id', '', '1', 'no', '', ''],
    ['m-1', 'Again', '', '2', '', '', ''],
    ['m-2', 'Lee', '013900000002', 'many', 'maybe', '', 'nobody'],
    ['m-3', '', '', '', '', '', 'li.wei'],
  ]

  it('guesses the id, tags and owner from the headers, numbers from the cells, and keeps phones as text', () => {
    const mapping = guessMapping(header, rows)
    expect(mapping.map((m) => m.target)).toEqual(['externalId', 'attribute', 'attribute', 'attribute', 'attribute', 'tags', 'owner'])
    expect(mapping.find((m) => m.key === 'phone')?.type).toBe('text')
    expect(mappingProblem(mapping)).toBeNull()
    expect(mappingProblem(mapping.map((m) => ({ ...m, target: m.target === 'externalId' ? 'skip' : m.target })))).toBe('noId')
    expect(mappingProblem(mapping.map((m) => ({ ...m, key: 'same' })))).toBe('sameKey')
  })

  it('turns good rows into writes and reports every problem of the others by line', () => {
    const mapping = guessMapping(header, rows).map((m) => (m.key === 'orders' ? { ...m, type: 'number' as const } : m.key === 'vip' ? { ...m, type: 'boolean' as const } : m))
    const { writes, problems } = buildWrites(rows, mapping, reps, say)
    expect(writes).toEqual([
      { line: 2, write: { externalId: 'm-1', attributes: { name: '王芳', phone: '+8613900000001', orders: 3, vip: true }, tags: ['vip', 'renewal'], ownerId: 'li.wei' } },
      // An empty cell leaves an attribute as it is: no attributes at all here, only the owner by id.
      { line: 6, write: { externalId: 'm-3', ownerId: 'li.wei' } },
    ])
    expect(problems).toEqual([
      { line: 3, message: 'noId' },
      { line: 4, message: 'repeated {"id":"m-1","line":2}' },
      { line: 5, message: 'notNumber {"column":"orders","value":"many"}' },
      { line: 5, message: 'notBoolean {"column":"vip","value":"maybe"}' },
      { line: 5, message: 'unknownOwner {"owner":"nobody"}' },
    ])
  })

  it('cuts writes into requests of 1,000 and reads the row a batch error names', () => {
    expect(batches(Array.from({ length: 2500 }, (_, i) => i)).map((b) => b.length)).toEqual([1000, 1000, 500])
    expect(rowOfField('body.contacts[12].attributes')).toBe(12)
    expect(rowOfField('body.contacts')).toBeNull()
  })
})
