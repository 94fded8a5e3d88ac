// What to do with a payment attempt's provider payload. The server picks the
// methods that fit the browser; each provider returns one of these shapes.
import type { PayStart } from '@/api/types'

export type PayAction =
  | { kind: 'sandbox'; outTradeNo: string; notice: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'jsapi'; params: Record<string, string> }
  | { kind: 'qrcode'; codeUrl: string }
  | { kind: 'unknown' }

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/**
 * sandbox -> confirm through the sandbox endpoint; Alipay pay_url and WeChat
 * h5_url -> send the browser there (WeChat H5 comes back via redirect_url);
 * WeChat JSAPI pay_params -> WeixinJSBridge; Native code_url -> a QR code.
 */
export function payAction(start: PayStart, returnUrl: string): PayAction {
  const p = (start.payload ?? {}) as Record<string, unknown>
  const outTradeNo = str(p.out_trade_no) || str(start.payment?.out_trade_no)
  if (p.sandbox === true || p.provider === 'sandbox') {
    return { kind: 'sandbox', outTradeNo, notice: str(p.notice) }
  }
  if (str(p.pay_url)) return { kind: 'redirect', url: str(p.pay_url) }
  if (str(p.h5_url)) {
    const u = str(p.h5_url)
    const sep = u.includes('?') ? '&' : '?'
    return { kind: 'redirect', url: `${u}${sep}redirect_url=${encodeURIComponent(returnUrl)}` }
  }
  if (p.pay_params && typeof p.pay_params === 'object') {
    return { kind: 'jsapi', params: p.pay_params as Record<string, string> }
  }
  if (str(p.code_url)) return { kind: 'qrcode', codeUrl: str(p.code_url) }
  return { kind: 'unknown' }
}

interface BridgeResult {
  err_msg: string
}
interface WeixinJSBridgeLike {
  invoke(name: string, params: Record<string, string>, cb: (r: BridgeResult) => void): void
}
declare global {
  interface Window {
    WeixinJSBridge?: WeixinJSBridgeLike
  }
}

type BridgeOutcome = 'ok' | 'cancel' | 'fail'

/** Calls a WeixinJSBridge API once the bridge is ready; "<name>:ok" / ":cancel" / anything else. */
function invokeBridge(name: string, errPrefix: string, params: Record<string, string>): Promise<BridgeOutcome> {
  return new Promise((resolve) => {
    const run = () => {
      const bridge = window.WeixinJSBridge
      if (!bridge) return resolve('fail')
      bridge.invoke(name, params, (r) => {
        if (r.err_msg === `${errPrefix}:ok`) resolve('ok')
        else if (r.err_msg === `${errPrefix}:cancel`) resolve('cancel')
        else resolve('fail')
      })
    }
    if (window.WeixinJSBridge) run()
    else document.addEventListener('WeixinJSBridgeReady', run, { once: true })
  })
}

/** Runs WeChat's in-app payment; resolves 'ok', 'cancel' or 'fail'. */
export function wechatJsapiPay(params: Record<string, string>): Promise<BridgeOutcome> {
  return invokeBridge('getBrandWCPayRequest', 'get_brand_wcpay_request', params)
}

/** What GET /api/shop/distributor/withdrawals/{id}/confirm returns. */
export interface TransferConfirm {
  mch_id?: string
  app_id?: string
  package_info?: string
}

/**
 * The distributor confirms a WeChat merchant transfer (商家转账) inside
 * WeChat: requestMerchantTransfer with the server's mch_id, app_id and
 * package_info. Resolves 'ok', 'cancel' or 'fail'.
 */
export function wechatConfirmTransfer(c: TransferConfirm): Promise<BridgeOutcome> {
  return invokeBridge('requestMerchantTransfer', 'requestMerchantTransfer', {
    mchId: c.mch_id ?? '',
    appId: c.app_id ?? '',
    package: c.package_info ?? '',
  })
}
