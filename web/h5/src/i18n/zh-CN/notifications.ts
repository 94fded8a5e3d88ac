// Notification titles and bodies by kind, rendered from the notification's
// data (see composables/notificationText.ts). The wording follows what the
// server stores, which the page shows when a kind is unknown or data is missing.
export default {
  notification: {
    application_approved: {
      title: '你已成为分销员',
      body: '邀请码 {code}，分享你的店铺链接即可开始推广',
    },
    application_rejected: {
      title: '分销员申请未通过',
      body: '原因：{reason}',
    },
    new_customer: {
      title: '新客户',
      body: '{buyer} 成为了你的客户',
    },
    new_order: {
      title: '新订单',
      body: '订单 {orderNo} 预计为你带来佣金 {amount}',
    },
    commission_settled: {
      title: '佣金已结算',
      body: '{amount} 佣金已转为可提现',
    },
    clawback: {
      title: '佣金退回',
      body: '订单退款，已结算佣金 {amount} 被扣回',
    },
    withdrawal_approved: {
      title: '提现已审核通过',
      body: '您的 {amount} 提现已通过审核，正在打款。',
    },
    // withdrawal_approved with data.action = confirm_receipt: a WeChat transfer
    // waiting for the distributor to accept it.
    withdrawal_confirm: {
      title: '请确认收款',
      body: '您的 {amount} 提现已转出，请在 24 小时内打开提现记录，在微信中确认收款，逾期将退回可提现余额。',
    },
    withdrawal_rejected: {
      title: '提现未成功',
      body: '您的 {amount} 提现未成功，金额已退回可提现余额。',
      bodyReason: '您的 {amount} 提现未成功，金额已退回可提现余额。原因：{reason}',
    },
    withdrawal_paid: {
      title: '提现已到账',
      body: '您的提现已打款 {amount}。',
    },
    new_team_member: {
      title: '团队新成员',
      body: '{member} 加入了你的团队',
    },
  },
}
