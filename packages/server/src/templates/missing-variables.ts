import { renderTemplate } from '@kairos/sdk'

// Keys liquidjs reads on any value for its own filters (`size`, `first`, `last`) or conversion
// (`toLiquid`, `then`): asking for them is not asking for a variable.
const NOT_VARIABLES = new Set(['size', 'first', 'last', 'toLiquid', 'then', 'liquidMethodMissing'])

/**
 * The variables a template reads that have no value in `scope` (`contact.tier`, `coupon.code`):
 * what would render as nothing. Found by rendering once more against a copy of the scope that
 * notes every lookup of a missing key (the SDK's sandbox and limits still apply); the text of
 * that render is thrown away. A variable with a `| default:` filter after it is not missing.
 */
export async function missingVariables(template: string, scope: Record<string, unknown>): Promise<string[]> {
  const missing = new Set<string>()
  const note = (path: string) => missing.add(path)

  // A missing value stands in as an object that notes what is read on it, so `coupon.code` on no coupon is seen.
  const absent = (path: string): object =>
    new Proxy({}, {
      getOwnPropertyDescriptor(_, key) {
        if (typeof key === 'string' && !NOT_VARIABLES.has(key)) note(`${path}.${key}`)
        return undefined
      },
    })

  const watched = (value: unknown, path: string): unknown => {
    if (value === null || value === undefined) return absent(path)
    if (typeof value !== 'object') return value
    return new Proxy(value as object, {
      getOwnPropertyDescriptor(target, key) {
        const own = Reflect.getOwnPropertyDescriptor(target, key)
        if (typeof key !== 'string' || NOT_VARIABLES.has(key)) return own
        const child = (target as Record<string, unknown>)[key]
        if (!own || child === null || child === undefined || child === '') note(`${path}.${key}`)
        return own
      },
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver)
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) return child
        return child === null || child === undefined ? absent(`${path}.${key}`) : watched(child, `${path}.${key}`)
      },
    })
  }

  const top = Object.fromEntries(Object.entries(scope).map(([key, value]) => [key, watched(value, key)]))
  const probe = new Proxy(top, {
    has(target, key) {
      if (typeof key === 'string' && !(key in target) && !NOT_VARIABLES.has(key)) note(key)
      return key in target
    },
  })
  try {
    // `| track` keeps its input: the probe stores no link and needs no public base URL.
    await renderTemplate(template, probe, { links: { track: (target) => target } })
  } catch {
    // The real render reports the template's own errors; a probe stopped early has noted what it saw.
  }
  return [...missing].filter((path) => !withDefault(template, path)).sort()
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const withDefault = (template: string, path: string) => new RegExp(`${escape(path)}\\s*\\|\\s*default\\b`).test(template)
