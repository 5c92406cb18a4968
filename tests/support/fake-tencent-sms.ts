import { createHash, createHmac, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for Tencent Cloud SMS (sms.tencentcloudapi.com, SendSms 2021-01-11) on
 * 127.0.0.1 that checks a request as Tencent does: the common headers, the timestamp's age,
 * the TC3-HMAC-SHA256 signature recomputed from the request as it arrived (the headers it
 * signs, the body's bytes) as the "签名方法 v3" page describes it, written here on its own,
 * not Kairos' signer; then the SMS parameters, the application, approved signatures and
 * templates with their parameter count, and each number. It answers with Tencent's codes
 * and shapes, and can be told to answer a code next.
 */
export interface FakeTencentOptions {
  /** SecretId → SecretKey. */
  keys: Record<string, string>
  smsSdkAppId: string
  signNames: string[]
  /** Approved templates: TemplateId → how many {n} parameters it has. */
  templates: Record<string, number>
  /** Tencent's time, to judge X-TC-Timestamp (default the wall clock). */
  now?: () => Date
}

export interface TencentSend {
  headers: IncomingHttpHeaders
  raw: string
  body: Record<string, unknown> | null
  answer: Record<string, unknown>
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest()
const AUTHORIZATION = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/

export function fakeTencentSms(options: FakeTencentOptions) {
  const sends: TencentSend[] = []
  const queued: string[] = []
  let serials = 0
  const now = options.now ?? (() => new Date())
  const requestId = () => randomUUID()
  const error = (code: string, message: string) => ({ Response: { Error: { Code: code, Message: message }, RequestId: requestId() } })

  /** The documented signature of this request, as it arrived. */
  function expectedSignature(secretKey: string, date: string, service: string, signed: string[], headers: IncomingHttpHeaders, raw: string, timestamp: string): string {
    const canonicalHeaders = signed.map((name) => `${name}:${String(headers[name] ?? '').trim().toLowerCase()}\n`).join('')
    const canonical = ['POST', '/', '', canonicalHeaders, signed.join(';'), sha256(raw)].join('\n')
    const toSign = ['TC3-HMAC-SHA256', timestamp, `${date}/${service}/tc3_request`, sha256(canonical)].join('\n')
    const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request')
    return createHmac('sha256', key).update(toSign, 'utf8').digest('hex')
  }

  function judge(headers: IncomingHttpHeaders, raw: string): { answer: Record<string, unknown>; body: Record<string, unknown> | null } {
    const action = headers['x-tc-action']
    if (action !== 'SendSms') return { answer: error('InvalidAction', `The requested action \`${action ?? ''}\` does not exist.`), body: null }
    if (headers['x-tc-version'] !== '2021-01-11') return { answer: error('NoSuchVersion', 'The requested version does not exist or is not supported.'), body: null }
    if (!headers['x-tc-region']) return { answer: error('InvalidParameter', 'The `Region` is missing.'), body: null }
    const timestamp = String(headers['x-tc-timestamp'] ?? '')
    if (!/^\d+$/.test(timestamp)) return { answer: error('MissingParameter', 'The request is missing a required parameter `Timestamp`.'), body: null }
    if (Math.abs(now().getTime() / 1000 - Number(timestamp)) > 300) return { answer: error('AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.'), body: null }
    const auth = AUTHORIZATION.exec(String(headers.authorization ?? ''))
    if (!auth) return { answer: error('AuthFailure.InvalidAuthorization', 'Authorization is invalid.'), body: null }
    const [, secretId, date, service, signedHeaders, signature] = auth as unknown as string[]
    const secretKey = options.keys[secretId!]
    if (secretKey === undefined) return { answer: error('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.'), body: null }
    const signed = signedHeaders!.split(';')
    const wellFormed = signed.includes('content-type') && signed.includes('host') && [...signed].sort().join(';') === signedHeaders
    const scopeOk = service === 'sms' && date === new Date(Number(timestamp) * 1000).toISOString().slice(0, 10)
    if (!wellFormed || !scopeOk || expectedSignature(secretKey, date!, service!, signed, headers, raw, timestamp) !== signature)
      return { answer: error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.'), body: null }
    if (!String(headers['content-type']).startsWith('application/json')) return { answer: error('InvalidParameter', 'Content-Type must be application/json.'), body: null }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw)
    } catch {
      return { answer: error('InvalidParameter', 'The request body is not valid JSON.'), body: null }
    }
    for (const name of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId'])
      if (body[name] === undefined) return { answer: error('MissingParameter', `The request is missing a required parameter \`${name}\`.`), body }
    if (body.SmsSdkAppId !== options.smsSdkAppId) return { answer: error('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verify fail.'), body }
    if (!options.signNames.includes(String(body.SignName))) return { answer: error('FailedOperation.SignatureIncorrectOrUnapproved', 'The signature is incorrect or unapproved.'), body }
    const count = options.templates[String(body.TemplateId)]
    if (count === undefined) return { answer: error('FailedOperation.TemplateIncorrectOrUnapproved', 'The template is incorrect or unapproved.'), body }
    const params = body.TemplateParamSet ?? []
    if (!Array.isArray(params) || params.length !== count || !params.every((p) => typeof p === 'string'))
      return { answer: error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'The TemplateParamSet does not match the approved template.'), body }
    const numbers = body.PhoneNumberSet
    if (!Array.isArray(numbers) || numbers.length === 0) return { answer: error('InvalidParameterValue.IncorrectPhoneNumber', 'The PhoneNumberSet is empty.'), body }
    const SendStatusSet = numbers.map((phone: unknown) => {
      const told = queued.shift()
      const valid = typeof phone === 'string' && /^\+861\d{10}$/.test(phone)
      const code = told ?? (valid ? 'Ok' : 'InvalidParameterValue.IncorrectPhoneNumber')
      return {
        SerialNo: code === 'Ok' ? `2640:${336716310416545786 + ++serials}` : '', PhoneNumber: phone, Fee: code === 'Ok' ? 1 : 0,
        SessionContext: body.SessionContext ?? '', Code: code, Message: code === 'Ok' ? 'send success' : `told to answer ${code}`, IsoCode: 'CN',
      }
    })
    return { answer: { Response: { SendStatusSet, RequestId: requestId() } }, body }
  }

  const server: Server = createServer((request, response) => {
    let raw = ''
    request.setEncoding('utf8')
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const { answer, body } = judge(request.headers, raw)
      sends.push({ headers: request.headers, raw, body, answer })
      // Tencent answers errors with HTTP 200 too: the code is in Response.Error.
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(answer))
    })
  })
  return {
    sends,
    /** The requests whose number Tencent took. */
    accepted: () => sends.filter((s) => ((s.answer.Response as { SendStatusSet?: Array<{ Code: string }> }).SendStatusSet ?? [])[0]?.Code === 'Ok'),
    /** The next numbers get these codes in SendStatusSet (LimitExceeded.PhoneNumberThirtySecondLimit, …) instead of Ok. */
    answerNext: (...codes: string[]) => void queued.push(...codes),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
