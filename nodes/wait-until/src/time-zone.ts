import { isTimeZone, type ContactSnapshot, type RunInfo } from '@kairos/sdk'

/**
 * The zone a wait is measured in: the node's own setting, else the contact's
 * `timezone` attribute when it names a real zone (it is free text imported from
 * other systems, so a bad one falls back instead of failing the run), else the flow's.
 */
export function timeZoneFor(configured: string | undefined, contact: ContactSnapshot, run: RunInfo): string {
  if (configured !== undefined) return configured
  const own = contact.attributes.timezone
  return isTimeZone(own) ? own : run.timezone
}
