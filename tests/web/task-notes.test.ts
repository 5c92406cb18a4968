// A call task's number is stored as the number alone, and the Tasks page labels it in the rep's
// language; a task made before that ("Phone: …") reads the same, a person's note stays a note.
import { describe, expect, it } from 'vitest'
import { taskPhone, telHref } from '../../web/src/lib/task-notes.ts'

describe('task notes', () => {
  it('reads the number a call step stores, and an old task\'s "Phone: …"', () => {
    expect(taskPhone('+8613800000001')).toBe('+8613800000001')
    expect(taskPhone('Phone: +8613800000001')).toBe('+8613800000001')
    expect(taskPhone('138 0000 0001')).toBe('138 0000 0001')
  })

  it('leaves a person\'s words alone', () => {
    expect(taskPhone('客户说下周再联系')).toBeNull()
    expect(taskPhone('Phone: ask for the manager')).toBeNull()
    expect(taskPhone('call back at 15:00')).toBeNull()
    expect(taskPhone('')).toBeNull()
    expect(taskPhone(null)).toBeNull()
  })

  it('dials the digits', () => {
    expect(telHref('+86 138-0000 (0001)')).toBe('tel:+8613800000001')
  })
})
