// Words of the warnings shown before publishing: a template reading a variable nothing has.
export default {
  en: {
    firstTitle: 'Publish as v{v}?',
    title: 'Check these variables before publishing',
    intro: 'These render as nothing for every contact today. A typo should be fixed; an attribute your contacts will get later can be published as it is.',
    acknowledge: 'I checked them: publish anyway',
    show: 'Show the step',
    checkFailed: 'The variables could not be checked: {message}',
    badge: '{n} variable nothing has | {n} variables nothing has',
    or: ' or ',
    reasons: {
      attribute: '{where} uses {variable}, which no contact has',
      eventProperty: '{where} uses {variable}, which no recent {events} event carries',
      coupon: '{where} uses {variable}, but no step issues a coupon and no contact has one',
    },
  },
  'zh-CN': {
    firstTitle: '发布为 v{v}？',
    title: '发布前请检查这些变量',
    intro: '目前这些变量对所有联系人都会显示为空。拼写错误应当改正；联系人以后才会有的属性可以照常发布。',
    acknowledge: '我已检查：仍然发布',
    show: '查看该步骤',
    checkFailed: '无法检查变量：{message}',
    badge: '{n} 个变量没有任何值 | {n} 个变量没有任何值',
    or: '或',
    reasons: {
      attribute: '{where} 使用了 {variable}，但没有任何联系人有这个属性',
      eventProperty: '{where} 使用了 {variable}，但最近的 {events} 事件都没有这个属性',
      coupon: '{where} 使用了 {variable}，但没有步骤发放优惠券，也没有联系人持有优惠券',
    },
  },
}
