import type { NodeTranslations } from '@kairos/sdk'

/**
 * branch in the editor's other languages (English stays in the definition). Its ports are
 * named in the form; these label the names the editor proposes (yes, no, path…).
 */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '条件分支',
    description: '按顺序检查条件，第一个满足的条件决定走哪条路径。',
    fields: {
      branches: { title: '分支' },
      'branches.port': { title: '出口名称', description: '这条分支的出口名（英文字母开头）' },
      'branches.when': { title: '条件', description: '条件：全部满足 / 任一满足 / 不满足，按属性、标签或事件判断' },
      otherwise: { title: '都不满足时', description: '所有条件都不满足时走的出口名' },
    },
    ports: { yes: '是', no: '否', otherwise: '其他', path: '路径' },
  },
}
