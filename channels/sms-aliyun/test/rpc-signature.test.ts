import { describe, expect, it } from 'vitest'
import { canonicalQuery, percentEncode, rpcSignature, rpcTimestamp, stringToSign } from '../src/rpc-signature.ts'

// The worked example of Aliyun's SMS documentation ("签名机制", help.aliyun.com/document_detail/56189):
// AccessKeyId testId, AccessKeySecret testSecret, a GET of SendSms.
const SMS_EXAMPLE = {
  AccessKeyId: 'testId', Action: 'SendSms', Format: 'XML', OutId: '123', PhoneNumbers: '15300000001', RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007', TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z', Version: '2017-05-25',
}

describe("Aliyun's RPC signature", () => {
  it('reproduces the SMS documentation\'s string to sign and signature', () => {
    expect(stringToSign('GET', SMS_EXAMPLE)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou' +
        '%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007' +
        '%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    )
    expect(rpcSignature('GET', SMS_EXAMPLE, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=')
  })

  it('reproduces the RPC documentation\'s DescribeRegions example', () => {
    const params = {
      Format: 'XML', AccessKeyId: 'testid', Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0', Version: '2014-05-26', Timestamp: '2016-02-23T12:46:24Z',
    }
    expect(rpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=')
  })

  it('leaves a Signature already among the parameters out of what is signed, and signs the method', () => {
    expect(canonicalQuery({ ...SMS_EXAMPLE, Signature: 'old' })).toBe(canonicalQuery(SMS_EXAMPLE))
    expect(rpcSignature('POST', SMS_EXAMPLE, 'testSecret')).not.toBe(rpcSignature('GET', SMS_EXAMPLE, 'testSecret'))
  })

  it('encodes as Aliyun does: space %20, * %2A, ~ kept, and UTF-8', () => {
    expect(percentEncode("a b*~'()!")).toBe('a%20b%2A~%27%28%29%21')
    expect(percentEncode('派')).toBe('%E6%B4%BE')
  })

  it('writes the Timestamp in UTC to the second', () => {
    expect(rpcTimestamp(new Date('2027-03-02T04:00:00.250Z'))).toBe('2027-03-02T04:00:00Z')
  })
})
