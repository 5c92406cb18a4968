// The panel's form turned into the simulator's request, and the problems the editor can see
// before asking (a properties box that is not JSON, an unnamed event): each named as the form
// names it ("Event 2: properties"), never by its path in the request.
import { t } from '../../i18n/index.ts'
import { isDuration } from '../../lib/duration.ts'
import type { SimulationBody, SimulationForm, SimulationProblem } from './simulation-types.ts'

/** A date and time as typed in the form (24-hour, the browser's zone): 2027-03-01 14:00. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/

/** "2027-03-01" + "14:00" in the browser's zone → ISO 8601 in UTC; null when not a date. */
export function localToIso(date: string, time: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time)
  if (!match || !clock) return null
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(clock[1]), Number(clock[2]))
  return Number.isNaN(at.getTime()) ? null : at.toISOString()
}

/** An event's time as the API takes it: "+2h" as it is, a local date-time as ISO, else null. */
export function eventTime(at: string): string | null {
  const text = at.trim()
  if (/^\+\d/.test(text)) return text
  const match = LOCAL_DATE_TIME.exec(text)
  return match ? localToIso(match[1], `${match[2]}:${match[3]}`) : null
}

/** The names of the simulated contacts, in the order the request lists them. */
export function contactNames(form: SimulationForm): string[] {
  return [...form.stored.map((c) => c.externalId), ...form.inline.map((c, i) => c.name.trim() || `inline-${i + 1}`)]
}

/** The request, or the problems that keep the form from being one. */
export function buildRequest(form: SimulationForm): { body: SimulationBody } | { problems: SimulationProblem[] } {
  const problems: SimulationProblem[] = []
  const horizon = form.horizon === 'custom' ? form.customHorizon.trim() : form.horizon
  if (!isDuration(horizon)) problems.push({ where: t('simulate.setup.horizon'), message: t('simulate.problems.duration') })

  let contacts: SimulationBody['contacts']
  if (form.who === 'segment') {
    if (!form.segment) problems.push({ where: t('simulate.setup.segment'), message: t('simulate.problems.pickSegment') })
    contacts = { segment: form.segment, sample: form.sample }
  } else {
    const inline = form.inline.map((c, i) => {
      const attributes: Record<string, unknown> = {}
      c.attributes.forEach((row, r) => {
        const key = row.key.trim()
        if (key) attributes[key] = row.value
        else if (row.value.trim()) problems.push({ where: t('simulate.where.attribute', { n: i + 1, row: r + 1 }), message: t('simulate.problems.attributeKey') })
      })
      return { ...(c.name.trim() ? { externalId: c.name.trim() } : {}), attributes }
    })
    contacts = [...form.stored.map((c) => c.externalId), ...inline]
    if (contacts.length === 0) problems.push({ where: t('simulate.setup.contacts'), message: t('simulate.problems.noContacts') })
  }

  let now: string | undefined
  if (form.startDate) {
    now = localToIso(form.startDate, form.startTime) ?? undefined
    if (!now) problems.push({ where: t('simulate.setup.start'), message: t('simulate.problems.dateTime') })
  }

  const events = form.events.map((event, i) => {
    const where = (field: string) => t('simulate.where.event', { n: i + 1, field: t(`simulate.events.${field}`) })
    const at = eventTime(event.at)
    if (!at) problems.push({ where: where('at'), message: t('simulate.problems.eventTime') })
    if (!event.name.trim()) problems.push({ where: where('name'), message: t('simulate.problems.required') })
    let properties: Record<string, unknown> | undefined
    if (event.properties.trim()) {
      try {
        const parsed: unknown = JSON.parse(event.properties)
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) properties = parsed as Record<string, unknown>
        else problems.push({ where: where('properties'), message: t('simulate.problems.jsonObject') })
      } catch {
        problems.push({ where: where('properties'), message: t('simulate.problems.json') })
      }
    }
    return { at: at ?? event.at, contact: event.contact || '*', name: event.name.trim(), ...(properties ? { properties } : {}) }
  })

  if (problems.length > 0) return { problems }
  const source = form.source === 'draft' ? { draft: true as const } : { version: form.source }
  return { body: { ...source, contacts, horizon, ...(now ? { now } : {}), ...(events.length ? { events } : {}) } }
}
