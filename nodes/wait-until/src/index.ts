import { defineNode } from '@kairos/sdk'
import { validateWaitUntil, WaitUntilConfig } from './config.ts'
import { waitForDate, waitForTimeOfDay } from './plan-wait.ts'
import { timeZoneFor } from './time-zone.ts'

/**
 * Holds the run until a wall-clock time in the contact's timezone: the next
 * "14:00" (optionally on given weekdays), or "09:00 one day before
 * subscription_end". The wait is a queue job at the computed instant, so DST
 * and restarts are handled once, here, not by a timer.
 */
export default defineNode({
  type: 'wait.until',
  version: 1,
  title: 'Wait until',
  category: 'wait',
  description: "Wait until a time of day, or a date attribute plus an offset, in the contact's timezone.",
  config: WaitUntilConfig,
  ports: (config) => (config.late === 'late' ? ['next', 'late'] : ['next']),
  validate: validateWaitUntil,
  run({ config, contact, run, now }) {
    const timezone = timeZoneFor(config.timezone, contact, run)
    const { date } = config
    return date ? waitForDate({ ...config, date }, contact, timezone, now) : waitForTimeOfDay(config, timezone, now)
  },
})
