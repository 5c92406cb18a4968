import type { NodeTranslations } from '@kairos/sdk'

/** coupon in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '发优惠券',
    description: '从券码池或按规则给联系人发一张唯一的优惠券，之后的消息里用 {{ coupon.code }} 引用券码。',
    fields: {
      pool: { title: '券码池', description: '从已上传券码的券码池里发' },
      pattern: { title: '券码规则', description: '按规则生成唯一券码：花括号里 X 代表字母或数字，9 代表数字，例如 RENEW-{XXXXXX}' },
    },
    ports: { next: '下一步', exhausted: '券已发完' },
  },
}
