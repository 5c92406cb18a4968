import { beijingTimeToIso, type ReceiptUpdate } from '@kairos/sdk'

/** One report of Tencent Cloud SMS's status callback (短信下发状态通知: a JSON array of them). */
interface StatusReport {
  user_receive_time?: string
  report_status?: string
  errmsg?: string
  description?: string
  sid?: string
  ext?: unknown
}

/** The session context sent as SessionContext comes back in `ext`: as text, or (older callbacks) an object holding it. */
function sessionOf(ext: unknown): string | undefined {
  if (typeof ext === 'string' && ext !== '') return ext
  if (ext && typeof ext === 'object') {
    const value = (ext as Record<string, unknown>).SessionContext ?? (ext as Record<string, unknown>).session_context
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/**
 * The statuses of a status callback: `report_status` SUCCESS is delivered, FAIL failed with
 * `errmsg: description`; each names the delivery by `ext` (the SessionContext Kairos sent:
 * the delivery id) and by `sid` (SendSms's SerialNo). Throws on a body that is not a list.
 */
export function parseStatusCallback(rawBody: string): ReceiptUpdate[] {
  const reports: unknown = JSON.parse(rawBody)
  if (!Array.isArray(reports)) throw new Error('a status callback is a JSON array of reports')
  return reports.map((item: unknown, i): ReceiptUpdate => {
    const report = item as StatusReport
    if (report === null || typeof report !== 'object' || (report.report_status !== 'SUCCESS' && report.report_status !== 'FAIL'))
      throw new Error(`report ${i}: report_status must be SUCCESS or FAIL`)
    const session = sessionOf(report.ext)
    const at = beijingTimeToIso(report.user_receive_time)
    const ids = {
      ...(session ? { deliveryId: session.slice(0, 64) } : {}),
      ...(typeof report.sid === 'string' && report.sid !== '' ? { providerMessageId: report.sid.slice(0, 512) } : {}),
    }
    if (report.report_status === 'SUCCESS') return { ...ids, status: 'delivered', ...(at ? { at } : {}) }
    const error = [report.errmsg, report.description].filter((s) => typeof s === 'string' && s !== '').join(': ') || 'not delivered'
    return { ...ids, status: 'failed', ...(at ? { at } : {}), error }
  })
}
