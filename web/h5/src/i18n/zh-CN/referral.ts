export default {
  referral: {
    title: '好店推荐',
    recommendedBy: '由 {name} 推荐',
    shopOf: '{name} 的小店',
    picks: '店主精选',
    enterStore: '进入商城逛逛',
    invalid: '推荐链接无效或已失效',
    bound: '已关联推荐人 {name}',
  },
  share: {
    earn: '分享赚',
    title: '分享给好友',
    copy: '复制推广链接',
    copied: '链接已复制',
    copyFailed: '复制失败，请长按链接手动复制',
    qrAlt: '推广二维码',
    qrHint: '好友扫码或打开链接下单，你将获得佣金',
    wechatHint: '点击右上角 ··· 发送给朋友，或保存二维码分享',
  },
}
