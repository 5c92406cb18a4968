import fc from 'fast-check'

/** Nested `levels` deep, arrays or objects: around the input guard's limit (64) and far past it. */
function nested(levels: number, asArray: boolean): unknown {
  let value: unknown = asArray ? [] : {}
  for (let i = 1; i < levels; i++) value = asArray ? [value] : { a: value }
  return value
}

/**
 * Values that have broken servers before: numbers at the edge of doubles and integers, numeric
 * and null-like text, NUL and lone surrogates, dates outside what Postgres stores, path
 * traversal, SQL and template syntax, names every object has (looked up in a plain object they
 * answer with Object.prototype's), and prototype-pollution keys (built with JSON.parse so
 * `__proto__` is an own key that reaches the wire, as an attacker's JSON would).
 */
export const NASTY_CONSTANTS: unknown[] = [
  null, true, false, 0, -1, -0, 1.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e21,
  '', ' ', '\t\n', 'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', '0', '-1', '1e308', '0x10', '١٢٣', '9'.repeat(40),
  'a'.repeat(10_000), '漢字テスト', '👩‍👩‍👧‍👦🎉', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e', '\ufeff', '\\', '"', "'; drop table contacts; --",
  'constructor', 'toString', '__proto__', 'hasOwnProperty', '../../etc/passwd', '..', '%00', '%', '%2e%2e%2f', '{{ contact.attributes.x }}', '{% for x in (1..99999999) %}{% endfor %}', '<script>alert(1)</script>',
  '0000-00-00T00:00:00Z', '2024-02-30T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '2024-01-01T24:00:00Z',
  '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '0s', '99999999d', '1ms1ms',
  [], {}, [null], [[[]]], { a: { b: { c: {} } } }, [{}, 1, 'two', null],
  JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'), { toString: 'x', valueOf: 1, hasOwnProperty: null },
  nested(40, true), nested(70, false), nested(70, true),
]

/** Keys a body should not have: unknown, prototype-pollution, empty, long, unicode. */
export const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'unknownField', '', ' ', 'a'.repeat(300), '🎉', 'id', '$where', 'a.b', '\u0000']

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_CONSTANTS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number }

/** Every place in `value` a mutation can touch (the root is handled apart). */
function slotsOf(value: unknown, slots: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((item, i) => (slots.push({ parent: value, key: i }), slotsOf(item, slots)))
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) slots.push({ parent: value as Record<string, unknown>, key }), slotsOf(item, slots)
  return slots
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype instead). */
function put(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

const MUTATIONS = ['replace', 'replace', 'replace', 'delete', 'extra', 'wrap', 'retype', 'root'] as const
export interface Mutation {
  kind: (typeof MUTATIONS)[number]
  at: number
  value: unknown
  key: string
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  value: nastyValue,
  key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })),
})

/**
 * `value` with `mutations` applied, on a copy: a field replaced by a nasty value, a required
 * field deleted, an extra key added, a value wrapped in an array, a number or object turned
 * into text, or the whole body replaced.
 */
export function applyMutations(value: unknown, mutations: Mutation[]): unknown {
  // Copies: the nasty constants are shared by every run, and later mutations edit in place.
  const copy = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))
  let body = copy(value)
  for (const { value: inserted, ...m } of mutations.map((m) => ({ ...m, value: copy(m.value) }))) {
    const slots = slotsOf(body)
    const slot = slots.length > 0 ? slots[m.at % slots.length] : undefined
    const current = slot ? (slot.parent as Record<string | number, unknown>)[slot.key] : body
    const replace = (next: unknown) => (slot ? put(slot.parent, slot.key, next) : (body = next))
    switch (m.kind) {
      case 'root':
        body = inserted
        break
      case 'replace':
        replace(inserted)
        break
      case 'delete': {
        const objects = [body, ...slots.map((s) => (s.parent as Record<string | number, unknown>)[s.key])].filter(
          (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0,
        )
        const target = objects[m.at % Math.max(1, objects.length)]
        if (target) delete target[Object.keys(target)[m.at % Object.keys(target).length]]
        break
      }
      case 'extra': {
        const objects = [body, ...slots.map((s) => (s.parent as Record<string | number, unknown>)[s.key])].filter(
          (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
        )
        const target = objects[m.at % Math.max(1, objects.length)]
        if (target) put(target, m.key, inserted)
        else body = { [m.key]: inserted }
        break
      }
      case 'wrap':
        replace([current])
        break
      case 'retype':
        replace(typeof current === 'string' ? Number(current) || [current] : JSON.stringify(current ?? null))
        break
    }
  }
  return body
}
