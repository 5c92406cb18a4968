// Words of the editor's Simulate mode (components/simulate/): the toolbar button, the panel's
// set-up form, the results (counters, messages, totals, warnings, a contact's timeline).
export default {
  en: {
    toolbar: { button: 'Simulate', hint: 'Try the journey on sample contacts over a virtual clock: nothing is sent' },
  },
  'zh-CN': {
    toolbar: { button: '模拟', hint: '用样例联系人按虚拟时钟试运行旅程：不会发送任何消息' },
  },
}
