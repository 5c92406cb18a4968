// Words on the canvas: steps, their counters and badges, the canvas's own buttons and menus,
// and publish problems in plain words.
export default {
  en: {
    counters: {
      entered: { label: 'entered', hint: 'Contacts that reached this step' },
      waiting: { label: 'waiting', hint: 'Contacts waiting here now' },
      completed: { label: 'done', hint: 'Contacts that went on from this step (or ended the journey here, at an exit)' },
      exited: { label: 'exited', hint: 'Contacts who left the journey here early: on an exit event, or cancelled' },
      failed: { label: 'failed', hint: 'Contacts whose journey failed here' },
    },
    node: {
      unknownType: 'Unknown step type {type}',
      problems: 'One problem: open the step | {n} problems: open the step',
      portHint: 'Output “{port}”: drag to the next step',
      addNext: 'Add the next step after “{port}”',
    },
    problems: {
      liquid: {
        filter: 'The template has a mistake at line {line}, character {column}: a filter needs a “{\'|\'}” before its name, as in {\'{{\'} contact.name {\'|\'} upcase {\'}}\'}.',
        filterName: 'The template has a mistake at line {line}, character {column}: a “{\'|\'}” must be followed by a filter’s name (one “{\'|\'}”, not two).',
        outputOpen: 'The template has a mistake at line {line}, character {column}: a {\'{{\'} is never closed with {\'}}\'}.',
        tagOpen: 'The template has a mistake at line {line}, character {column}: a {\'{%\'} tag is never closed.',
        unknownTag: 'The template has a mistake at line {line}, character {column}: there is no tag called “{name}”.',
        unknownFilter: 'The template has a mistake at line {line}, character {column}: there is no filter called “{name}”.',
        unexpected: 'The template has a mistake at line {line}, character {column}: something there cannot be read.',
        other: 'The template has a mistake at line {line}, character {column} ({detail}).',
      },
    },
  },
  'zh-CN': {
    counters: {
      entered: { label: '进入', hint: '到达此步骤的联系人' },
      waiting: { label: '等待', hint: '此刻在此等待的联系人' },
      completed: { label: '完成', hint: '从此步骤继续往下的联系人（或在此处的结束步骤走完旅程）' },
      exited: { label: '退出', hint: '在此提前离开旅程的联系人：因退出事件或被取消' },
      failed: { label: '失败', hint: '旅程在此失败的联系人' },
    },
    node: {
      unknownType: '未知的步骤类型 {type}',
      problems: '1 个问题：打开步骤查看 | {n} 个问题：打开步骤查看',
      portHint: '输出“{port}”：拖到下一个步骤',
      addNext: '在“{port}”之后添加下一步',
    },
    problems: {
      liquid: {
        filter: '模板第 {line} 行第 {column} 个字符处有误：过滤器名前需要“{\'|\'}”，例如 {\'{{\'} contact.name {\'|\'} upcase {\'}}\'}。',
        filterName: '模板第 {line} 行第 {column} 个字符处有误：“{\'|\'}”后面必须是过滤器名（只用一个“{\'|\'}”）。',
        outputOpen: '模板第 {line} 行第 {column} 个字符处有误：{\'{{\'} 没有用 {\'}}\'} 闭合。',
        tagOpen: '模板第 {line} 行第 {column} 个字符处有误：{\'{%\'} 标签没有闭合。',
        unknownTag: '模板第 {line} 行第 {column} 个字符处有误：没有名为“{name}”的标签。',
        unknownFilter: '模板第 {line} 行第 {column} 个字符处有误：没有名为“{name}”的过滤器。',
        unexpected: '模板第 {line} 行第 {column} 个字符处有误：这里的内容无法识别。',
        other: '模板第 {line} 行第 {column} 个字符处有误（{detail}）。',
      },
    },
  },
}
