import type zh from '../zh-CN/notifications'
import type { Messages } from '../schema'

const m: Messages<typeof zh> = {
  notification: {
    application_approved: {
      title: 'You are now a distributor',
      body: 'Your invite code is {code}. Share your shop link to start promoting.',
    },
    application_rejected: {
      title: 'Distributor application not approved',
      body: 'Reason: {reason}',
    },
    new_customer: {
      title: 'New customer',
      body: '{buyer} is now your customer',
    },
    new_order: {
      title: 'New order',
      body: 'Order {orderNo} should earn you an estimated {amount} in commission',
    },
    commission_settled: {
      title: 'Commission settled',
      body: '{amount} of commission is now available to withdraw',
    },
    clawback: {
      title: 'Commission clawed back',
      body: 'An order was refunded, so {amount} of settled commission was taken back',
    },
    withdrawal_approved: {
      title: 'Withdrawal approved',
      body: 'Your withdrawal of {amount} has been approved and is being paid out.',
    },
    withdrawal_confirm: {
      title: 'Please confirm receipt',
      body: 'Your withdrawal of {amount} has been sent. Within 24 hours, open your withdrawal records and confirm receipt in WeChat, or the amount returns to your available balance.',
    },
    withdrawal_rejected: {
      title: 'Withdrawal unsuccessful',
      body: 'Your withdrawal of {amount} did not go through; the amount is back in your available balance.',
      bodyReason: 'Your withdrawal of {amount} did not go through; the amount is back in your available balance. Reason: {reason}',
    },
    withdrawal_paid: {
      title: 'Withdrawal paid',
      body: 'Your withdrawal has been paid: {amount}.',
    },
    new_team_member: {
      title: 'New team member',
      body: '{member} joined your team',
    },
  },
}

export default m
