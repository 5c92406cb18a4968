// Words of experiments: the canvas's mark on a split whose automatic winner was picked, and the
// workspace control group on the policies page.
export default {
  en: {
    winner: 'Winner: {arm} since {time}',
    winnerHint: '{arm} converted better at {confidence} confidence (p = {p}), so new contacts go down {arm}. Contacts already past this step stay where they are.',
    controlGroup: {
      title: 'Control group',
      hint: '{percent}% of contacts get no marketing message, so you can see what the journeys add. They still enter journeys, and reports compare their conversions with everyone else\'s. Transactional messages (codes, receipts) still reach them.',
      percentLabel: '% of contacts (0 to 50; 0 turns it off)',
      stable: 'The same contacts stay in the group: raising the share keeps everyone in it and adds more, lowering it lets some out.',
    },
  },
  'zh-CN': {
    winner: '胜出组：{arm}，自 {time} 起',
    winnerHint: '{arm} 的转化率更高（置信度 {confidence}，p = {p}），之后新进入的联系人都走 {arm}；已经过这一步的联系人不受影响。',
    controlGroup: {
      title: '全局对照组',
      hint: '{percent}% 的联系人不会收到任何营销消息，这样就能看出旅程带来的提升。他们照常进入旅程，报表会把他们的转化率和其他人对比。验证码、回执等事务消息照常发送。',
      percentLabel: '% 的联系人（0 到 50，填 0 即关闭）',
      stable: '对照组成员保持稳定：调高比例时原有成员都保留并加入新成员，调低时只会移出一部分。',
    },
  },
}
