import type { NodeTranslations } from '@kairos/sdk'

/** assign.sales in the editor's other languages (English stays in the definition). */
export const i18n: NodeTranslations = {
  'zh-CN': {
    title: '分配销售',
    description:
      '把联系人分配给一位销售：轮流分配或分给待办最少的人，可限定团队，也可按联系人的情况选团队（如地区 → 团队），' +
      '可以保留现有负责人；还可以给这位销售建一个跟进任务。没有可分配的销售时走“未分配”。',
    fields: {
      strategy: {
        title: '分配方式',
        description: '轮流分配：分给最久没分到的销售；待办最少：分给未完成任务最少的销售',
        enum: { round_robin: '轮流分配', fewest_open_tasks: '待办最少' },
      },
      team: { title: '团队', description: '只在这个团队里分配（没有规则选中团队时）' },
      rules: { title: '选团队规则', description: '第一条条件满足的规则决定分给哪个团队' },
      'rules.when': { title: '条件', description: '条件：全部满足 / 任一满足 / 不满足，按属性、标签或事件判断' },
      'rules.team': { title: '团队', description: '条件满足时从这个团队里选销售' },
      keepOwner: { title: '保留现有负责人', description: '联系人已有负责人且其可接单时，不重新分配' },
      task: { title: '跟进任务' },
      'task.title': { title: '任务标题', description: '任务标题（可用变量，{{ rep.name }} 是分到的销售）' },
      'task.due': { title: '截止时间', description: '从现在起多久内完成，例如 30m、1h30m、3d 或 2w' },
      'task.notes': { title: '任务备注', description: '任务备注（可用变量）' },
    },
    ports: { next: '下一步', unassigned: '未分配' },
  },
}
