import type { NodeFieldText, NodeTranslations } from '@kairos/sdk'

const fields: Record<string, NodeFieldText> = {
  mode: {
    title: '外呼方式',
    description: '销售任务：给联系人的负责销售派一个外呼任务；呼叫平台：通过呼叫渠道自动外呼',
    enum: { task: '销售任务', provider: '呼叫平台' },
  },
  title: { title: '任务标题', description: '销售任务方式：外呼任务的标题（可用变量，{{ rep.name }} 是负责销售）' },
  due: { title: '任务截止', description: '销售任务方式：从现在起多久内要打' },
  channel: { title: '呼叫渠道', description: '呼叫平台方式：通过哪个呼叫渠道外呼' },
  script: { title: '话术', description: '呼叫平台方式：平台播报或给坐席看的话术（可用变量）' },
  to: { title: '号码属性', description: '存放要拨打号码的联系人属性' },
  timeout: { title: '最长等待', description: '等多久还没有结果就走“超时”' },
}
const ports = { answered: '已接通', no_answer: '无人接听', busy: '占线', timeout: '超时', failed: '失败' }
const intro =
  '给联系人打电话，并等待结果。销售任务方式：给负责销售派一个外呼任务，销售填写结果（已接通、无人接听、占线）后旅程继续；' +
  '呼叫平台方式：通过呼叫渠道外呼，平台以 call.completed 事件回报结果。没有负责销售（任务方式）或没有号码（平台方式）时走“失败”'

/** call version 1 in the editor's other languages (a suppressed provider call goes to failed). */
export const i18nV1: NodeTranslations = { 'zh-CN': { title: '外呼任务', description: `${intro}。`, fields, ports } }

/** call version 2: version 1 plus the suppressed port. */
export const i18nV2: NodeTranslations = {
  'zh-CN': {
    title: '外呼任务',
    description: `${intro}。平台外呼遵守联系人的意愿、频次上限和免打扰时段：被拦下时走“已拦截”。`,
    fields,
    ports: { ...ports, suppressed: '已拦截' },
  },
}
