import type { SendOutcome } from '@kairos/sdk'

/**
 * What Dysmsapi's `Code` means for a delivery: sent, worth another attempt later, or
 * refused for good with what to fix. Codes from Aliyun's SMS error-code list
 * (错误码); one not listed fails for good when the answer was a 4xx or a 200, and is
 * retried on a 5xx.
 */
const RETRY: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': 'Aliyun is limiting messages to this number (per minute, hour or day): tried again later',
  'isv.DAY_LIMIT_CONTROL': "the account's daily sending limit is reached: tried again later",
  'Throttling.User': 'Aliyun throttles the account: tried again later',
  'Throttling.Api': 'Aliyun throttles SendSms: tried again later',
  Throttling: 'Aliyun throttles the account: tried again later',
  'isp.SYSTEM_ERROR': 'Aliyun had a system error: tried again later',
  'isp.GATEWAY_ERROR': 'the carrier gateway failed: tried again later',
  ServiceUnavailable: 'Aliyun SMS is unavailable: tried again later',
  InternalError: 'Aliyun had an internal error: tried again later',
  SignatureNonceUsed: 'the request nonce was taken: tried again with a new one',
}

const PERMANENT: Record<string, string> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'the phone number is not a valid mobile number',
  'isv.MOBILE_COUNT_OVER_LIMIT': 'too many phone numbers in one request',
  'isv.SMS_SIGNATURE_ILLEGAL': 'SignName is not an approved signature (签名) of this account: check it in the SMS console',
  'isv.SIGN_NAME_ILLEGAL': 'SignName is not an approved signature (签名) of this account: check it in the SMS console',
  'isv.SMS_SIGN_ILLEGAL': 'SignName is not an approved signature (签名) of this account: check it in the SMS console',
  'isv.SMS_TEMPLATE_ILLEGAL': 'the TemplateCode is not an approved template (模板) of this account, or does not go with the signature',
  'isv.TEMPLATE_MISSING_PARAMETERS': "the template needs a parameter the step does not give: add it to the step's template parameters",
  'isv.TEMPLATE_PARAMS_ILLEGAL': 'a template parameter value is not allowed (a URL, a phone number or a word the template type forbids)',
  'isv.INVALID_JSON_PARAM': 'TemplateParam is not valid JSON',
  'isv.INVALID_PARAMETERS': 'a parameter is not valid',
  'isv.PARAM_LENGTH_LIMIT': 'a template parameter is too long for the template type (a verification code takes 6 characters at most, a variable 35)',
  'isv.PARAM_NOT_SUPPORT_URL': 'a template parameter holds a URL, which the template does not allow',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'the message holds a word Aliyun refuses',
  'isv.AMOUNT_NOT_ENOUGH': 'the Aliyun account has no balance left: top it up',
  'isv.OUT_OF_SERVICE': 'the Aliyun account is out of service (arrears)',
  'isv.PRODUCT_UN_SUBSCRIPT': 'the account has not activated Aliyun SMS',
  'isv.PRODUCT_UNSUBSCRIBE': 'the account has not activated Aliyun SMS',
  'isv.ACCOUNT_NOT_EXISTS': 'the Aliyun account does not exist',
  'isv.ACCOUNT_ABNORMAL': 'the Aliyun account is abnormal',
  'isv.DENY_IP_RANGE': "this server's IP address is not allowed by the account",
  'isp.RAM_PERMISSION_DENY': 'the AccessKey has no permission to send SMS (grant AliyunDysmsFullAccess to its RAM user)',
  SignatureDoesNotMatch: "the request signature does not match: the AccessKey secret is wrong; save the channel with the right one",
  'InvalidAccessKeyId.NotFound': 'the AccessKey id is not found: check it in the RAM console',
  'InvalidAccessKeyId.Inactive': 'the AccessKey is disabled',
  'InvalidTimeStamp.Expired': "the request's Timestamp is too far from Aliyun's time: check this server's clock",
}

/** The outcome of a SendSms answer: `status` is the HTTP status, `body` the JSON Aliyun sent. */
export function sendOutcome(status: number, body: unknown): SendOutcome {
  const answer = (body ?? {}) as { Code?: unknown; Message?: unknown; BizId?: unknown }
  const response = { status, body }
  const code = typeof answer.Code === 'string' ? answer.Code : ''
  if (status >= 200 && status < 300 && code === 'OK')
    return { status: 'sent', ...(typeof answer.BizId === 'string' && answer.BizId !== '' ? { providerMessageId: answer.BizId } : {}), response }
  const said = typeof answer.Message === 'string' ? ` (${answer.Message.slice(0, 200)})` : ''
  if (code in RETRY) return { status: 'failed', retry: true, error: `Aliyun ${code}: ${RETRY[code]}${said}`, response }
  if (code in PERMANENT) return { status: 'failed', retry: false, error: `Aliyun ${code}: ${PERMANENT[code]}${said}`, response }
  const retry = status >= 500 || status === 429
  return { status: 'failed', retry, error: `Aliyun ${code || `answered HTTP ${status}`}${said}`, response }
}
