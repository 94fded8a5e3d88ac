export default {
  common: {
    shopName: '分销商城',
    shopShort: '商城',
    loading: '加载中…',
    loadFailed: '加载失败',
    loadFailedRetry: '加载失败，点击重试',
    retry: '重试',
    noMore: '没有更多了',
    notFound: '页面不存在',
    backHome: '返回首页',
    cancel: '取消',
    delete: '删除',
    save: '保存',
    saved: '已保存',
    optional: '选填',
  },
  nav: {
    home: '首页',
    category: '分类',
    cart: '购物车',
    me: '我的',
  },
}
