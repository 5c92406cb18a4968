import { defineNode } from '@kairos/sdk'
import { validateWaitUntil, WaitUntilConfig } from './config.ts'
import { waitForDate, waitForTimeOfDay, waitForWorkday } from './plan-wait.ts'
import { timeZoneFor } from './time-zone.ts'
import { i18n } from './i18n.ts'

/**
 * Holds the run until a wall-clock time in the contact's timezone: the next
 * "14:00" (optionally on given weekdays), or "09:00 one day before
 * subscription_end". The wait is a queue job at the computed instant, so DST
 * and restarts are handled once, here, not by a timer. With `workday`, the
 * next time of day on a workday of the workspace's holiday calendar, which
 * `services.calendar` hands over already read by the batch (no I/O here).
 */
export default defineNode({
  type: 'wait.until',
  version: 1,
  title: 'Wait until',
  category: 'wait',
  description: "Wait until a time of day (optionally on a workday of the holiday calendar), or a date attribute plus an offset, in the contact's timezone.",
  config: WaitUntilConfig,
  i18n,
  ports: (config) => (config.late === 'late' ? ['next', 'late'] : ['next']),
  validate: validateWaitUntil,
  async run({ config, contact, run, now, services }) {
    const timezone = timeZoneFor(config.timezone, contact, run)
    const { date } = config
    if (date) return waitForDate({ ...config, date }, contact, timezone, now)
    if (config.workday) return waitForWorkday(config, timezone, now, await services.calendar.load(config.calendar))
    return waitForTimeOfDay(config, timezone, now)
  },
})
