// Words of the palette and of the short palette a "+ next step" opens.
export default {
  en: {
    search: 'Search steps…',
    searchLabel: 'Search steps',
    loading: 'Loading steps…',
    loadFailed: 'Steps could not be loaded: {message}',
    noMatch: 'No step matches “{query}”.',
    readOnly: {
      version: 'This version is read-only. Start a new draft from it to change the journey.',
      archived: 'This journey is archived: read-only.',
      role: 'Your role can look at journeys but not change them. An administrator can give you the editor role.',
    },
    categories: { trigger: 'Triggers', wait: 'Waits', logic: 'Logic', action: 'Actions', exit: 'Exit' },
    next: {
      title: 'Next step after “{port}”',
      search: 'Find a step…',
    },
  },
  'zh-CN': {
    search: '搜索步骤…',
    searchLabel: '搜索步骤',
    loading: '正在加载步骤…',
    loadFailed: '无法加载步骤：{message}',
    noMatch: '没有与“{query}”匹配的步骤。',
    readOnly: {
      version: '此版本为只读。要修改旅程，请基于它新建草稿。',
      archived: '此旅程已归档：只读。',
      role: '你的角色只能查看旅程，不能修改。管理员可以为你分配编辑者角色。',
    },
    categories: { trigger: '触发', wait: '等待', logic: '逻辑', action: '动作', exit: '结束' },
    next: {
      title: '“{port}”之后的下一步',
      search: '查找步骤…',
    },
  },
}
