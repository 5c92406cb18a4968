// Statuses as pills show them (StatusBadge): journeys, runs, messages, schedule ticks.
export default {
  en: {
    draft: 'Draft', active: 'Active', paused: 'Paused', archived: 'Archived',
    running: 'Running', waiting: 'Waiting', completed: 'Completed', exited: 'Exited', failed: 'Failed', cancelled: 'Cancelled',
    queued: 'Queued', scheduled: 'Scheduled', deferred: 'Held', sent: 'Sent', delivered: 'Delivered', read: 'Read', clicked: 'Clicked', suppressed: 'Suppressed',
    done: 'Done', skipped: 'Skipped', stopped: 'Stopped', open: 'Open',
  },
  'zh-CN': {
    draft: '草稿', active: '运行中', paused: '已暂停', archived: '已归档',
    running: '执行中', waiting: '等待中', completed: '已完成', exited: '已退出', failed: '失败', cancelled: '已取消',
    queued: '排队中', scheduled: '待发送', deferred: '暂缓', sent: '已发送', delivered: '已送达', read: '已读', clicked: '已点击', suppressed: '已拦截',
    done: '完成', skipped: '已跳过', stopped: '已停止', open: '未完成',
  },
}
