import { timingSafeEqual } from 'node:crypto'
import { ReceiptRefused, type ReceiptRequest } from '../define-channel.ts'

/**
 * Checks the `token` query parameter of a receipt request against the channel's receipt
 * token, in constant time, and throws `ReceiptRefused` (a 401) when it is missing or wrong.
 * For providers that sign no receipts (Aliyun's SmsReport push, Tencent's status callback):
 * the receipt URL the operator gives the provider's console, `…/receipts?token=<token>`, is
 * then the only thing that tells the provider's calls from anyone else's, so a kind using
 * this should make the token a required secret of at least 16 characters.
 *
 * ```ts
 * receipt: { parse(request, ctx) { checkReceiptToken(request, ctx.config.receiptToken); return parse(request.rawBody) } }
 * ```
 */
export function checkReceiptToken(request: ReceiptRequest, expected: string): void {
  if (typeof expected !== 'string' || expected === '') throw new ReceiptRefused('the channel has no receiptToken: set one and put it in the receipt URL (…/receipts?token=…)')
  const given = Buffer.from(request.query.token ?? '')
  const wanted = Buffer.from(expected)
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    throw new ReceiptRefused("the token in the receipt URL does not match the channel's receiptToken")
}
