import type { SendOutcome } from '@kairos/sdk'

/**
 * What Tencent Cloud SMS answers means for a delivery. The request as a whole may fail
 * (`Response.Error.Code`: a bad signature, throttling) or each number have its own
 * `SendStatusSet[].Code` (`Ok`, a frequency limit, a wrong number). Codes from the
 * SMS API's error-code list (错误码); prefixes cover their families.
 */
const RULES: Array<{ prefix: string; retry: boolean; why: string }> = [
  { prefix: 'LimitExceeded.', retry: true, why: 'Tencent is limiting messages to this number or the account (30 s, 1 hour or daily limits): tried again later' },
  { prefix: 'RequestLimitExceeded', retry: true, why: 'too many requests for the account: tried again later' },
  { prefix: 'InternalError', retry: true, why: 'Tencent had an internal error: tried again later' },
  { prefix: 'ResourceUnavailable', retry: true, why: 'Tencent SMS is unavailable: tried again later' },
  { prefix: 'FailedOperation.InsufficientBalanceInSmsPackage', retry: false, why: 'the SMS package has no messages left: buy more in the console' },
  { prefix: 'FailedOperation.PhoneNumberInBlacklist', retry: false, why: 'the number is on the carrier\'s or Tencent\'s blacklist (it unsubscribed)' },
  { prefix: 'FailedOperation.SignatureIncorrectOrUnapproved', retry: false, why: 'SignName is not an approved signature (签名) of this SmsSdkAppId' },
  { prefix: 'FailedOperation.TemplateIncorrectOrUnapproved', retry: false, why: 'the TemplateId is not an approved template (模板) of this account' },
  { prefix: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate', retry: false, why: "the parameters do not match the approved template's {1}, {2} …" },
  { prefix: 'FailedOperation.ContainSensitiveWord', retry: false, why: 'the message holds a word Tencent refuses' },
  { prefix: 'InvalidParameterValue.IncorrectPhoneNumber', retry: false, why: 'the phone number is not a valid mobile number (E.164, e.g. +8613800138000)' },
  { prefix: 'InvalidParameterValue.TemplateParameterFormatError', retry: false, why: 'a template parameter is not of the form the template type takes (a verification code is digits only)' },
  { prefix: 'InvalidParameterValue.TemplateParameterLengthLimit', retry: false, why: 'a template parameter is too long (6 characters for a code, 12 for a variable of a domestic template unless approved otherwise)' },
  { prefix: 'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter', retry: false, why: 'a template parameter holds a URL, which the template does not allow' },
  { prefix: 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', retry: false, why: 'the SmsSdkAppId is not an application of this account' },
  { prefix: 'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny', retry: false, why: 'a personal account may not send marketing SMS' },
  { prefix: 'UnauthorizedOperation.RequestPermissionDeny', retry: false, why: 'the SecretId may not call SendSms (grant QcloudSMSFullAccess)' },
  { prefix: 'AuthFailure.SignatureFailure', retry: false, why: "the request signature does not match: the SecretKey is wrong; save the channel with the right one" },
  { prefix: 'AuthFailure.SecretIdNotFound', retry: false, why: 'the SecretId is not found or disabled: check it in the API keys console' },
  { prefix: 'AuthFailure.SignatureExpire', retry: false, why: "the request's timestamp is too far from Tencent's time: check this server's clock" },
  { prefix: 'AuthFailure.', retry: false, why: 'Tencent refused the credentials' },
]

const ruleOf = (code: string) => RULES.find((rule) => code === rule.prefix || code.startsWith(rule.prefix))

/** One failure, by code: retried or not as RULES say; an unknown code fails for good, unless it came with a 5xx. */
function failed(code: string, message: unknown, status: number, response: unknown): SendOutcome {
  const rule = ruleOf(code)
  const said = typeof message === 'string' && message !== '' ? ` (${message.slice(0, 200)})` : ''
  return { status: 'failed', retry: rule?.retry ?? status >= 500, error: `Tencent ${code}${rule ? `: ${rule.why}` : ''}${said}`, response }
}

interface TencentAnswer {
  Response?: {
    Error?: { Code?: string; Message?: string }
    SendStatusSet?: Array<{ SerialNo?: string; PhoneNumber?: string; Code?: string; Message?: string }>
  }
}

/** The outcome of a SendSms answer to one number: `status` is the HTTP status, `body` the JSON Tencent sent. */
export function sendOutcome(status: number, body: unknown): SendOutcome {
  const response = { status, body }
  const answer = ((body ?? {}) as TencentAnswer).Response
  if (answer?.Error?.Code) return failed(answer.Error.Code, answer.Error.Message, status, response)
  const [one] = answer?.SendStatusSet ?? []
  if (status < 200 || status >= 300 || !one)
    return { status: 'failed', retry: status >= 500 || status === 429, error: `Tencent answered HTTP ${status} with no send status`, response }
  if (one.Code === 'Ok') return { status: 'sent', ...(one.SerialNo ? { providerMessageId: one.SerialNo } : {}), response }
  return failed(one.Code ?? 'no code', one.Message, status, response)
}
