// Inside WeChat the share menu (send to a friend, post to Moments) takes
// its link, title, description and image from the JS-SDK: the server signs
// the page URL with the official account's jsapi_ticket
// (GET /api/shop/wechat/jssdk), wx.config takes the signature, and the
// share data is set once wx is ready. Outside WeChat this does nothing: the
// share sheet offers the system share sheet or copy-link instead.
import { api, call } from '@/api/client'
import { isWeChat } from './env'

export interface ShareData {
  title: string
  desc: string
  /** Absolute, on this page's domain (WeChat's JS-safe domain). */
  link: string
  /** Absolute image URL. */
  imgUrl: string
}

/** The part of WeChat's `wx` object this module uses. */
export interface Wx {
  config(c: { debug: boolean; appId: string; timestamp: number; nonceStr: string; signature: string; jsApiList: string[] }): void
  ready(fn: () => void): void
  error(fn: (e: unknown) => void): void
  updateAppMessageShareData(d: ShareData & { success?: () => void }): void
  updateTimelineShareData(d: Omit<ShareData, 'desc'> & { success?: () => void }): void
}

export interface JsConfig {
  app_id?: string
  timestamp?: number
  nonce_str?: string
  signature?: string
  js_api_list?: string[]
}

export interface ShareDeps {
  ua: string
  /** The URL to sign: iOS WeChat keeps the landing URL of a single-page app, Android the current one. */
  pageUrl: () => string
  loadSdk: () => Promise<Wx>
  fetchConfig: (url: string) => Promise<JsConfig>
}

const SDK_URL = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js'
const landingUrl = typeof location !== 'undefined' ? location.href.split('#')[0] : ''
let sdk: Promise<Wx> | null = null

function loadSdk(): Promise<Wx> {
  sdk ??= new Promise<Wx>((resolve, reject) => {
    const s = document.createElement('script')
    s.src = SDK_URL
    s.onload = () => ((window as unknown as { wx?: Wx }).wx ? resolve((window as unknown as { wx: Wx }).wx) : reject(new Error('jweixin did not load')))
    s.onerror = () => {
      sdk = null
      reject(new Error('jweixin did not load'))
    }
    document.head.appendChild(s)
  })
  return sdk
}

/** The URL WeChat checks the signature against (no #fragment). */
export function urlToSign(ua: string, current: string, landing: string): string {
  const url = /iphone|ipad|ipod/i.test(ua) && landing ? landing : current
  return url.split('#')[0]
}

const defaultDeps: ShareDeps = {
  ua: typeof navigator !== 'undefined' ? navigator.userAgent : '',
  pageUrl: () => urlToSign(navigator.userAgent, location.href, landingUrl),
  loadSdk,
  fetchConfig: (url) => call(api.GET('/api/shop/wechat/jssdk', { params: { query: { url } } }), { silent: true }),
}

/**
 * Sets the WeChat share menu of this page to data. Resolves true once set,
 * false outside WeChat or when the JS-SDK could not be configured (no
 * official account, WeChat unreachable): sharing then falls back to
 * WeChat's defaults, never to an error for the shopper.
 */
export async function setWeChatShare(data: ShareData, deps: ShareDeps = defaultDeps): Promise<boolean> {
  if (!isWeChat(deps.ua)) return false
  try {
    const [wx, cfg] = await Promise.all([deps.loadSdk(), deps.fetchConfig(deps.pageUrl())])
    await new Promise<void>((resolve, reject) => {
      wx.ready(resolve)
      wx.error(reject)
      wx.config({
        debug: false,
        appId: cfg.app_id ?? '',
        timestamp: cfg.timestamp ?? 0,
        nonceStr: cfg.nonce_str ?? '',
        signature: cfg.signature ?? '',
        jsApiList: cfg.js_api_list ?? ['updateAppMessageShareData', 'updateTimelineShareData'],
      })
    })
    wx.updateAppMessageShareData({ ...data })
    wx.updateTimelineShareData({ title: data.title, link: data.link, imgUrl: data.imgUrl })
    return true
  } catch {
    return false
  }
}

/** An absolute URL for a path or URL the API gave (images are often /uploads/...). */
export function absoluteUrl(pathOrUrl: string | undefined, origin: string = typeof location !== 'undefined' ? location.origin : ''): string {
  if (!pathOrUrl) return ''
  try {
    return new URL(pathOrUrl, origin).toString()
  } catch {
    return ''
  }
}

/** The referral link of a distributor: its shop, or one product in it. */
export function referralLink(origin: string, code: string, productId?: number): string {
  const base = `${origin.replace(/\/$/, '')}/s/${encodeURIComponent(code)}`
  return productId ? `${base}?p=${productId}` : base
}
