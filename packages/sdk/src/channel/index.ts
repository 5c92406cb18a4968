export { CHANNEL_REQUEST_BYTES, channelHttp, declaredAddresses, type ChannelReach } from './channel-http.ts'
export { attemptSend, sendAnswerOf, sendAnswerOfError, SEND_ATTEMPT_TIMEOUT_MS, type SendAnswer, type SendAttempt, type SendReach } from './send-attempt.ts'
export { afterSendAttempt, DELIVERY_RETRY, deliveryBackoffMs, type AfterSend } from './delivery-retry.ts'
export { answerChallenge, MAX_RECEIPT_UPDATES, readReceipts, RECEIPT_STATUSES, type ReceiptsRead } from './read-receipts.ts'
