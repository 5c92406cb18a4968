import { beijingTimeToIso, type ReceiptUpdate } from '@kairos/sdk'

/** One status report of Aliyun's SmsReport push (HTTP batch push: a JSON array of them). */
interface SmsReport {
  phone_number?: string
  success?: boolean
  biz_id?: string
  out_id?: string
  err_code?: string
  err_msg?: string
  report_time?: string
}

/**
 * The statuses of an SmsReport push: `success` true is delivered, false failed with
 * `err_code: err_msg`; each names the delivery by `out_id` (the delivery id Kairos sent as
 * OutId) and by `biz_id` (SendSms's BizId). Throws on a body that is not a list of reports.
 */
export function parseSmsReports(rawBody: string): ReceiptUpdate[] {
  const reports: unknown = JSON.parse(rawBody)
  if (!Array.isArray(reports)) throw new Error('an SmsReport push is a JSON array of reports')
  return reports.map((item: unknown, i): ReceiptUpdate => {
    const report = item as SmsReport
    if (report === null || typeof report !== 'object' || typeof report.success !== 'boolean') throw new Error(`report ${i} has no success (true or false)`)
    const at = beijingTimeToIso(report.report_time)
    const ids = {
      ...(typeof report.out_id === 'string' && report.out_id !== '' ? { deliveryId: report.out_id.slice(0, 64) } : {}),
      ...(typeof report.biz_id === 'string' && report.biz_id !== '' ? { providerMessageId: report.biz_id.slice(0, 512) } : {}),
    }
    if (report.success) return { ...ids, status: 'delivered', ...(at ? { at } : {}) }
    const error = [report.err_code, report.err_msg].filter((s) => typeof s === 'string' && s !== '').join(': ') || 'not delivered'
    return { ...ids, status: 'failed', ...(at ? { at } : {}), error }
  })
}
