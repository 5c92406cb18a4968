import {
  addDays,
  formatLocalDate,
  instantAt,
  isTimeZone,
  isValidLocalDate,
  localDateAt,
  localDateOf,
  readPath,
  type DateTrigger,
  type LocalDate,
} from '@kairos/sdk'

/** When a contact enters next at a date trigger, and which occurrence that is. */
export interface Moment {
  dueAt: Date
  /** "2026-11-30" (repeat once: the attribute's date) or "2027" (yearly: the anniversary's year). */
  occurrence: string
}

/** The zone a contact's moments are read in: its own valid `timezone` attribute, else the trigger's, else the flow's. */
export function momentZone(trigger: DateTrigger, attributes: Record<string, unknown>, flowZone: string): string {
  const own = attributes.timezone
  return isTimeZone(own) ? own : (trigger.timezone ?? flowZone)
}

/**
 * The first moment strictly after `after` at which the contact enters: the
 * attribute's date (or, yearly, its anniversary) moved by `offsetDays`, at
 * `at` in the contact's zone. An occurrence equal to `fired` already entered
 * the contact and is passed over, so a birthday corrected after its greeting
 * waits for next year, while a renewed `subscription_end` is a new
 * occurrence. Null when the attribute holds no date, or (repeat once) its
 * moment has passed. A 29 February birthday falls on 28 February in other years.
 */
export function nextMoment(
  trigger: DateTrigger,
  attributes: Record<string, unknown>,
  flowZone: string,
  after: Date,
  fired: string | null,
): Moment | null {
  const zone = momentZone(trigger, attributes, flowZone)
  const base = localDateOf(readPath(attributes, trigger.attribute), zone)
  if (!base) return null
  const momentOf = (date: LocalDate) => memoInstantAt(addDays(date, trigger.offsetDays), trigger.at, zone)
  if (trigger.repeat === 'once') {
    const occurrence = formatLocalDate(base)
    const dueAt = momentOf(base)
    return occurrence !== fired && dueAt.getTime() > after.getTime() ? { dueAt, occurrence } : null
  }
  // The anniversary whose moment is near `after`: its year, give or take one for the offset and the year boundary.
  const year = memoYear(after.getTime() - trigger.offsetDays * 86_400_000, zone)
  for (let y = year - 1; y <= year + 2; y++) {
    const anniversary = anniversaryIn(base, y)
    const dueAt = momentOf(anniversary)
    if (String(y) !== fired && dueAt.getTime() > after.getTime()) return { dueAt, occurrence: String(y) }
  }
  return null
}

// Publishing a birthday flow computes 100,000 moments that share a handful of zones and at most
// 366 days: the Intl arithmetic behind each (several formatToParts calls) is worth remembering.
// Pure functions of their keys, so a cache never goes stale; it is dropped whole when full.
const MEMO_LIMIT = 20_000
const instants = new Map<string, Date>()
const years = new Map<string, number>()

function memoInstantAt(date: LocalDate, at: string, zone: string): Date {
  const key = `${date.year}-${date.month}-${date.day}|${at}|${zone}`
  let found = instants.get(key)
  if (!found) {
    if (instants.size >= MEMO_LIMIT) instants.clear()
    instants.set(key, (found = instantAt(date, at, zone)))
  }
  return new Date(found.getTime())
}

/** The year `zone`'s calendar shows at an instant, remembered per minute (a sweep asks for one `now` 1,000 times). */
function memoYear(instantMs: number, zone: string): number {
  const key = `${Math.floor(instantMs / 60_000)}|${zone}`
  let found = years.get(key)
  if (found === undefined) {
    if (years.size >= MEMO_LIMIT) years.clear()
    years.set(key, (found = localDateAt(new Date(instantMs), zone).year))
  }
  return found
}

function anniversaryIn(base: LocalDate, year: number): LocalDate {
  const date = { year, month: base.month, day: base.day }
  return isValidLocalDate(date) ? date : { year, month: 2, day: 28 }
}
