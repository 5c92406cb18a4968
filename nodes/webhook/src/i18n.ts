import type { NodeTranslations } from '@kairos/sdk'

/** webhook in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: 'Webhook 推送',
    description:
      '把联系人、旅程和触发事件以 JSON 推送（POST）到一个 Webhook 渠道，并在 X-Kairos-Signature 请求头里签名。' +
      '5xx、408、429 和超时会自动重试；最后一次重试仍失败或收到其他 4xx 时走“失败”。' +
      '成功后，可把返回 JSON 里的字段写回联系人属性。',
    fields: {
      channel: { title: '渠道', description: '推送到哪个 Webhook 渠道（渠道里配置地址和签名密钥）' },
      include: {
        title: '附带内容',
        description: '除联系人 ID 和旅程信息外还要发送的内容：属性、标签、触发事件',
        enum: { attributes: '属性', tags: '标签', event: '触发事件' },
      },
      merge: { title: '写回字段', description: '成功后把返回 JSON 里的这些字段写到联系人上；带点的路径写入最后一段同名的属性' },
    },
    ports: { next: '下一步', failed: '失败' },
  },
}
