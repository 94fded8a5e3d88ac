// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { payAction, wechatConfirmTransfer } from './payment'

const ret = 'https://shop.example/pay/result?order_id=7'

describe('payAction', () => {
  it('sandbox', () => {
    const a = payAction(
      { payment: { out_trade_no: 'P1' }, payload: { provider: 'sandbox', sandbox: true, out_trade_no: 'P1', notice: 'SANDBOX' } },
      ret,
    )
    expect(a).toEqual({ kind: 'sandbox', outTradeNo: 'P1', notice: 'SANDBOX' })
  })
  it('alipay wap redirects to pay_url', () => {
    expect(payAction({ payload: { provider: 'alipay', pay_url: 'https://ali/x?a=1' } }, ret)).toEqual({
      kind: 'redirect',
      url: 'https://ali/x?a=1',
    })
  })
  it('wechat h5 adds the return URL', () => {
    const a = payAction({ payload: { provider: 'wechatpay', h5_url: 'https://wx/pay?prepay_id=1' } }, ret)
    expect(a).toEqual({ kind: 'redirect', url: `https://wx/pay?prepay_id=1&redirect_url=${encodeURIComponent(ret)}` })
  })
  it('wechat jsapi passes the parameters through', () => {
    const params = { appId: 'wx1', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' }
    expect(payAction({ payload: { provider: 'wechatpay', pay_params: params } }, ret)).toEqual({ kind: 'jsapi', params })
  })
  it('unknown payloads are reported', () => {
    expect(payAction({ payload: {} }, ret)).toEqual({ kind: 'unknown' })
  })
})

describe('wechatConfirmTransfer', () => {
  it('passes mchId, appId and package to requestMerchantTransfer and maps the outcome', async () => {
    const calls: [string, Record<string, string>][] = []
    let answer = 'requestMerchantTransfer:ok'
    window.WeixinJSBridge = {
      invoke(name, params, cb) {
        calls.push([name, params])
        cb({ err_msg: answer })
      },
    }
    try {
      await expect(wechatConfirmTransfer({ mch_id: '1900', app_id: 'wxapp', package_info: 'PKG==' })).resolves.toBe('ok')
      expect(calls[0]).toEqual(['requestMerchantTransfer', { mchId: '1900', appId: 'wxapp', package: 'PKG==' }])
      answer = 'requestMerchantTransfer:cancel'
      await expect(wechatConfirmTransfer({})).resolves.toBe('cancel')
      answer = 'requestMerchantTransfer:fail something'
      await expect(wechatConfirmTransfer({})).resolves.toBe('fail')
    } finally {
      delete window.WeixinJSBridge
    }
  })
})
