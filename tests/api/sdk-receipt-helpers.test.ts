import { describe, expect, it } from 'vitest'
import { beijingTimeToIso, checkReceiptToken, type ReceiptRequest } from '@kairos/sdk'

// The SDK's helpers for providers that sign no receipts and write Beijing time (Aliyun, Tencent SMS).
describe('receipt helpers of the SDK', () => {
  const request = (token?: string): ReceiptRequest => ({ rawBody: '[]', headers: {}, query: token === undefined ? {} : { token } })
  const refusal = (run: () => void) => {
    try {
      run()
    } catch (error) {
      return [(error as Error).name, (error as Error).message]
    }
    return null
  }

  it('checkReceiptToken lets through only the exact token, and refuses every receipt when the channel has none', () => {
    const token = 'receipt-token-0123456789'
    expect(refusal(() => checkReceiptToken(request(token), token))).toBeNull()
    expect(refusal(() => checkReceiptToken(request(), token))).toEqual(['ReceiptRefused', "the token in the receipt URL does not match the channel's receiptToken"])
    expect(refusal(() => checkReceiptToken(request(`${token}x`), token))).toEqual(['ReceiptRefused', expect.stringContaining('does not match')])
    expect(refusal(() => checkReceiptToken(request('receipt-token-0123456788'), token))).toEqual(['ReceiptRefused', expect.stringContaining('does not match')])
    // An unset token (a channel saved before it was required) refuses rather than accepts.
    expect(refusal(() => checkReceiptToken(request(''), undefined as unknown as string))).toEqual(['ReceiptRefused', expect.stringContaining('the channel has no receiptToken')])
    expect(refusal(() => checkReceiptToken(request(''), ''))).toEqual(['ReceiptRefused', expect.stringContaining('the channel has no receiptToken')])
  })

  it('beijingTimeToIso reads "YYYY-MM-DD HH:MM:SS" as UTC+8, and nothing else', () => {
    expect(beijingTimeToIso('2017-02-02 22:23:23')).toBe('2017-02-02T14:23:23.000Z')
    expect(beijingTimeToIso('2027-03-02 00:00:05')).toBe('2027-03-01T16:00:05.000Z')
    for (const wrong of ['2027-02-30 10:00:00', '2027-03-02 24:00:00', '2027-03-02T12:00:00', '2027-03-02 12:00', '', 1488464523, null, undefined])
      expect(beijingTimeToIso(wrong)).toBeUndefined()
  })
})
