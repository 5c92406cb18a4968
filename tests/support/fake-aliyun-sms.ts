import { createHmac, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for Aliyun's Dysmsapi on 127.0.0.1 that checks SendSms as Aliyun does: the
 * RPC signature recomputed from the parameters as the "签名机制" page describes it (written
 * here on its own, not Kairos' signer), the common parameters, the timestamp's age, a nonce
 * used once, the SMS parameters, approved signatures and templates with their parameters.
 * It answers with Aliyun's codes and shapes, and can be told to answer a code next.
 */
export interface FakeAliyunOptions {
  /** AccessKey id → secret. */
  keys: Record<string, string>
  /** Approved signatures (SignName). */
  signNames: string[]
  /** Approved templates: TemplateCode → the names of its ${parameters}. */
  templates: Record<string, string[]>
  /** Aliyun's time, to judge the Timestamp (default the wall clock). */
  now?: () => Date
}

export interface AliyunSend {
  method: string
  params: Record<string, string>
  bizId?: string
  answer: { status: number; body: Record<string, unknown> }
}

const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())

/** The documented signature: sorted params, each encoded, joined; METHOD&%2F&encoded; HMAC-SHA1 with secret + '&'; base64. */
function signatureOf(method: string, params: Record<string, string>, secret: string): { stringToSign: string; signature: string } {
  const query = Object.keys(params).filter((k) => k !== 'Signature').sort().map((k) => `${encode(k)}=${encode(params[k]!)}`).join('&')
  const stringToSign = `${method}&${encode('/')}&${encode(query)}`
  return { stringToSign, signature: createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64') }
}

const COMMON = ['AccessKeyId', 'Action', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature']

export function fakeAliyunSms(options: FakeAliyunOptions) {
  const sends: AliyunSend[] = []
  const nonces = new Set<string>()
  const queued: string[] = []
  let bizIds = 0
  const now = options.now ?? (() => new Date())

  /** Aliyun's error shape (HTTP 4xx): RequestId, HostId, Code, Message, Recommend. */
  const refusal = (status: number, code: string, message: string) => ({
    status, body: { RequestId: randomUUID().toUpperCase(), HostId: 'dysmsapi.aliyuncs.com', Code: code, Message: message, Recommend: `https://next.api.aliyun.com/troubleshoot?q=${code}` },
  })
  const business = (code: string, message: string) => ({ status: 200, body: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message } })

  function judge(method: string, params: Record<string, string>): { status: number; body: Record<string, unknown> } {
    for (const name of COMMON) if (!params[name]) return refusal(400, `Missing${name}`, `${name} is mandatory for this action.`)
    if (params.Action !== 'SendSms') return refusal(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.')
    if (params.Version !== '2017-05-25') return refusal(400, 'InvalidVersion', 'Specified parameter Version is not valid.')
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') return refusal(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.')
    const secret = options.keys[params.AccessKeyId!]
    if (secret === undefined) return refusal(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
    const at = Date.parse(params.Timestamp!)
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp!) || Number.isNaN(at)) return refusal(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.')
    if (Math.abs(now().getTime() - at) > 15 * 60_000) return refusal(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.')
    const { stringToSign, signature } = signatureOf(method, params, secret)
    if (signature !== params.Signature)
      return refusal(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`)
    if (nonces.has(params.SignatureNonce!)) return refusal(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.')
    nonces.add(params.SignatureNonce!)
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) if (!params[name]) return refusal(400, `Missing${name}`, `${name} is mandatory for this action.`)
    const next = queued.shift()
    if (next) return business(next, `told to answer ${next}`)
    if (!/^(\+?86)?1\d{10}$/.test(params.PhoneNumbers!)) return business('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号')
    if (!options.signNames.includes(params.SignName!)) return business('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名')
    const wanted = options.templates[params.TemplateCode!]
    if (!wanted) return business('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板')
    let given: Record<string, unknown> = {}
    try {
      given = params.TemplateParam ? JSON.parse(params.TemplateParam) : {}
    } catch {
      return business('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值')
    }
    if (given === null || typeof given !== 'object' || !Object.values(given).every((v) => typeof v === 'string')) return business('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值')
    if (wanted.some((name) => !(name in given))) return business('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值')
    return { status: 200, body: { Message: 'OK', RequestId: randomUUID().toUpperCase(), Code: 'OK', BizId: `${900619746936498440 + ++bizIds}^0` } }
  }

  const server: Server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake')
      const method = request.method ?? 'GET'
      const fields = method === 'POST' && (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw) : url.searchParams
      const params = Object.fromEntries(fields)
      const answer = judge(method, params)
      const bizId = typeof answer.body.BizId === 'string' ? answer.body.BizId : undefined
      sends.push({ method, params, ...(bizId ? { bizId } : {}), answer })
      response.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' })
      response.end(JSON.stringify(answer.body))
    })
  })
  return {
    /** Every request, as it came and as it was answered. */
    sends,
    /** The requests that sent a message. */
    accepted: () => sends.filter((s) => s.answer.body.Code === 'OK'),
    /** The next signed, complete requests get these business codes (isv.BUSINESS_LIMIT_CONTROL, …) instead of OK. */
    answerNext: (...codes: string[]) => void queued.push(...codes),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
