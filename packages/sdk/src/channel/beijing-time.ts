const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

/**
 * A provider's time written as Beijing time without a zone (`2017-02-02 22:23:23`, as
 * Aliyun's SmsReport and Tencent's status callback send them), as an ISO instant
 * (`2017-02-02T14:23:23.000Z`); undefined for anything else (not text, another shape, no
 * such date), so a receipt without a usable time is taken at the time it arrives.
 */
export function beijingTimeToIso(time: unknown): string | undefined {
  if (typeof time !== 'string' || !BEIJING_TIME.test(time)) return undefined
  const at = new Date(`${time.replace(' ', 'T')}+08:00`)
  if (Number.isNaN(at.getTime())) return undefined
  // Date rolls 2027-02-30 over to 2 March: such a date is not one.
  const back = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
  return back === time ? at.toISOString() : undefined
}
