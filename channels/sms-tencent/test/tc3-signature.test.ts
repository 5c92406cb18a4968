import { describe, expect, it } from 'vitest'
import { canonicalRequest, stringToSign, tc3Authorization } from '../src/tc3-signature.ts'

// The worked example of Tencent Cloud's "签名方法 v3" page: CVM DescribeInstances, signed at
// 1551113065 (2019-02-25 UTC) with its example SecretId and SecretKey (masked as the page masks them).
const EXAMPLE = {
  credentials: { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' },
  request: {
    method: 'POST' as const,
    headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  },
}

describe("Tencent Cloud's TC3-HMAC-SHA256 signature", () => {
  it('reproduces the documented canonical request, string to sign and Authorization', () => {
    const canonical = canonicalRequest(EXAMPLE.request)
    expect(canonical).toBe('POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064')
    expect(stringToSign(1551113065, 'cvm', canonical)).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031')
    expect(tc3Authorization(EXAMPLE.credentials, 'cvm', 1551113065, EXAMPLE.request)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    )
  })

  it('signs every header it is given, sorted by lower-case name', () => {
    const request = { ...EXAMPLE.request, headers: { ...EXAMPLE.request.headers, 'X-TC-Action': 'DescribeInstances' } }
    expect(canonicalRequest(request)).toContain('host:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n')
    expect(tc3Authorization(EXAMPLE.credentials, 'cvm', 1551113065, request)).not.toContain('Signature=2230eefd')
  })

  it('takes the credential scope\'s date in UTC, not local time', () => {
    // 2019-02-25T23:59:59Z and one second later, on either side of midnight UTC.
    expect(stringToSign(1551139199, 'sms', '')).toContain('\n2019-02-25/sms/tc3_request\n')
    expect(stringToSign(1551139200, 'sms', '')).toContain('\n2019-02-26/sms/tc3_request\n')
  })
})
