// Words of the side panel's step form (the node's own fields come from its schema).
export default {
  en: {
    step: {
      label: 'Name on the canvas',
      id: 'Step id',
      delete: 'Delete step',
      notLoaded: 'This node type is not loaded on the server: its plugin may have failed.',
    },
  },
  'zh-CN': {
    step: {
      label: '画布上的名称',
      id: '步骤 ID',
      delete: '删除步骤',
      notLoaded: '服务器未加载此步骤类型：它的插件可能加载失败。',
    },
  },
}
