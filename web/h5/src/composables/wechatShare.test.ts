import { describe, expect, it, vi } from 'vitest'
import { absoluteUrl, referralLink, setWeChatShare, urlToSign, type ShareDeps, type Wx } from './wechatShare'

const WECHAT_ANDROID = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 MicroMessenger/8.0.50'
const WECHAT_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50'
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1'
const data = { title: '赣南脐橙', desc: '现摘现发', link: 'https://shop.example/s/ABC?p=7', imgUrl: 'https://shop.example/uploads/a.png' }

function fakeWx(fail = false) {
  let ready = () => {}
  let error: (e: unknown) => void = () => {}
  const wx = {
    config: vi.fn(() => (fail ? error(new Error('invalid signature')) : ready())),
    ready: (fn: () => void) => (ready = fn),
    error: (fn: (e: unknown) => void) => (error = fn),
    updateAppMessageShareData: vi.fn(),
    updateTimelineShareData: vi.fn(),
  }
  return wx
}

function deps(ua: string, wx: Wx, over: Partial<ShareDeps> = {}): ShareDeps {
  return {
    ua,
    pageUrl: () => 'https://shop.example/product/7',
    loadSdk: async () => wx,
    fetchConfig: async () => ({ app_id: 'wx123', timestamp: 1700000000, nonce_str: 'n', signature: 'sig', js_api_list: ['updateAppMessageShareData', 'updateTimelineShareData'] }),
    ...over,
  }
}

describe('setWeChatShare', () => {
  it('configures the JS-SDK with the signed page and sets both share menus', async () => {
    const wx = fakeWx()
    const fetchConfig = vi.fn(deps(WECHAT_ANDROID, wx).fetchConfig)
    expect(await setWeChatShare(data, deps(WECHAT_ANDROID, wx, { fetchConfig }))).toBe(true)
    expect(fetchConfig).toHaveBeenCalledWith('https://shop.example/product/7')
    expect(wx.config).toHaveBeenCalledWith({ debug: false, appId: 'wx123', timestamp: 1700000000, nonceStr: 'n', signature: 'sig', jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'] })
    expect(wx.updateAppMessageShareData).toHaveBeenCalledWith(data)
    expect(wx.updateTimelineShareData).toHaveBeenCalledWith({ title: data.title, link: data.link, imgUrl: data.imgUrl })
  })

  it('does nothing outside WeChat', async () => {
    const wx = fakeWx()
    const loadSdk = vi.fn(async () => wx)
    expect(await setWeChatShare(data, deps(SAFARI, wx, { loadSdk }))).toBe(false)
    expect(loadSdk).not.toHaveBeenCalled()
  })

  it('gives up quietly when the server cannot sign or WeChat rejects the config', async () => {
    const wx = fakeWx()
    const refused = deps(WECHAT_ANDROID, wx, { fetchConfig: async () => Promise.reject(new Error('wechat_not_configured')) })
    expect(await setWeChatShare(data, refused)).toBe(false)
    const bad = fakeWx(true)
    expect(await setWeChatShare(data, deps(WECHAT_ANDROID, bad))).toBe(false)
    expect(bad.updateAppMessageShareData).not.toHaveBeenCalled()
  })
})

describe('urlToSign', () => {
  it('signs the landing URL on iOS WeChat and the current one elsewhere, without the fragment', () => {
    expect(urlToSign(WECHAT_IOS, 'https://s.example/product/7#x', 'https://s.example/s/ABC?p=7#top')).toBe('https://s.example/s/ABC?p=7')
    expect(urlToSign(WECHAT_ANDROID, 'https://s.example/product/7#x', 'https://s.example/s/ABC')).toBe('https://s.example/product/7')
  })
})

describe('links', () => {
  it('makes absolute image URLs and referral links', () => {
    expect(absoluteUrl('/uploads/a.png', 'https://s.example')).toBe('https://s.example/uploads/a.png')
    expect(absoluteUrl('https://cdn.example/a.png', 'https://s.example')).toBe('https://cdn.example/a.png')
    expect(absoluteUrl(undefined, 'https://s.example')).toBe('')
    expect(referralLink('https://s.example/', 'AB C', 7)).toBe('https://s.example/s/AB%20C?p=7')
    expect(referralLink('https://s.example', 'ABC')).toBe('https://s.example/s/ABC')
  })
})
