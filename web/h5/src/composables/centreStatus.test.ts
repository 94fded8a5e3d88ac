import { describe, expect, it } from 'vitest'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'
import {
  commissionStatusKey,
  needsReceiptConfirm,
  payoutHintKey,
  tierKey,
  unlockReasonKey,
  withdrawalStatusKey,
  withdrawalTone,
} from './centreStatus'

type Tree = { [k: string]: string | Tree }
function lookup(tree: unknown, key: string): string | undefined {
  let cur: unknown = tree
  for (const part of key.split('.')) cur = (cur as Tree | undefined)?.[part]
  return typeof cur === 'string' ? cur : undefined
}

describe('withdrawal status', () => {
  it.each([
    ['pending', '待审核', 'Under review', 'warning'],
    ['approved', '已通过', 'Approved', 'primary'],
    ['rejected', '已拒绝', 'Rejected', 'danger'],
    ['paid', '已打款', 'Paid', 'success'],
    ['failed', '打款失败', 'Payout failed', 'danger'],
  ])('%s -> %s / %s', (status, zhText, enText, tone) => {
    const key = withdrawalStatusKey({ status })
    expect(lookup(zh, key)).toBe(zhText)
    expect(lookup(en, key)).toBe(enText)
    expect(withdrawalTone({ status })).toBe(tone)
  })

  it('names an unknown status generically', () => {
    expect(lookup(zh, withdrawalStatusKey({ status: 'teleported' }))).toBe('处理中')
    expect(withdrawalTone({})).toBe('default')
  })

  it('asks for receipt confirmation only for approved WeChat transfers waiting on the user', () => {
    expect(needsReceiptConfirm({ status: 'approved', payout_state: 'wait_user_confirm' })).toBe(true)
    expect(needsReceiptConfirm({ status: 'approved', payout_state: 'processing' })).toBe(false)
    expect(needsReceiptConfirm({ status: 'paid', payout_state: 'wait_user_confirm' })).toBe(false)
    expect(needsReceiptConfirm({ status: 'pending' })).toBe(false)
  })

  it('explains the payout of an approved withdrawal', () => {
    expect(lookup(zh, payoutHintKey({ status: 'approved', payout_state: 'wait_user_confirm' }))).toBe('待你在微信中确认收款')
    expect(lookup(zh, payoutHintKey({ status: 'approved', provider: 'manual', payout_state: '' }))).toBe('等待商家打款')
    for (const st of ['queued', 'sending', 'processing', 'canceling']) {
      expect(lookup(en, payoutHintKey({ status: 'approved', payout_state: st }))).toBeTruthy()
    }
    expect(payoutHintKey({ status: 'paid', payout_state: 'paid' })).toBe('')
    expect(payoutHintKey({ status: 'pending' })).toBe('')
  })
})

describe('commission records', () => {
  it('names tiers and statuses in both languages', () => {
    expect(lookup(zh, tierKey(1))).toBe('一级')
    expect(lookup(zh, tierKey(2))).toBe('二级')
    expect(lookup(en, tierKey(1))).toBe('Tier 1')
    expect(lookup(en, tierKey(2))).toBe('Tier 2')
    expect(lookup(zh, commissionStatusKey('pending'))).toBe('待结算')
    expect(lookup(zh, commissionStatusKey('settled'))).toBe('已结算')
    expect(lookup(zh, commissionStatusKey('reversed'))).toBe('已退回')
    expect(lookup(zh, commissionStatusKey(undefined))).toBe('处理中')
  })

  it('maps the server’s unlock reasons', () => {
    for (const r of ['awaiting delivery confirmation', 'after-sales window ends', 'refunded']) {
      const key = unlockReasonKey(r)
      expect(lookup(zh, key)).toBeTruthy()
      expect(lookup(en, key)).toBeTruthy()
    }
    expect(unlockReasonKey(null)).toBe('')
    expect(unlockReasonKey('something new')).toBe('')
  })
})
