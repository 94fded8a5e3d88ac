// Walks the store as a shopper in headless Chromium at 375x667 and saves
// screenshots to e2e/shots/: home, login, product (+ SKU sheet), cart,
// checkout, cashier, payment result, order detail, orders, me, referral shop.
// Not part of `npm test`: it needs a running server with demo data.
//
//   BASE_URL        the H5 app (vite dev/preview proxying /api, or the Go binary)  [http://127.0.0.1:18091]
//   FX_SERVER_LOG   the Go server's log file, to read the dev SMS code from, or
//   FX_ADMIN_USER / FX_ADMIN_PASSWORD  an admin whose dev SMS inbox is read instead
//   FX_INVITE_CODE  a distributor invite code for the /s/{code} landing (optional)
//   CHROMIUM        [/usr/bin/chromium]
import { chromium } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:18091'
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'shots')
const PHONE = process.env.FX_PHONE ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
mkdirSync(OUT, { recursive: true })

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function smsCode(phone) {
  for (let i = 0; i < 20; i++) {
    if (process.env.FX_SERVER_LOG) {
      const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`
      const lines = readFileSync(process.env.FX_SERVER_LOG, 'utf8').split('\n').filter((l) => l.includes(masked))
      const m = lines.at(-1)?.match(/验证码\s*(\d{6})/)
      if (m) return m[1]
    } else {
      const login = await fetch(`${BASE}/api/admin/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: process.env.FX_ADMIN_USER, password: process.env.FX_ADMIN_PASSWORD }),
      })
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
      const inbox = await (await fetch(`${BASE}/api/admin/dev/sms-inbox?phone=${phone}`, { headers: { Cookie: cookie } })).json()
      const m = inbox.items?.[0]?.body?.match(/(\d{6})/)
      if (m) return m[1]
    }
    await sleep(500)
  }
  throw new Error('no SMS code found: set FX_SERVER_LOG or FX_ADMIN_USER/FX_ADMIN_PASSWORD')
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const context = await browser.newContext({
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
})
const page = await context.newPage()
page.on('pageerror', (e) => console.error('page error:', e.message))
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()))

async function shot(name) {
  await sleep(400) // let transitions and lazy images settle
  await page.locator('.van-toast').waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined)
  await page.screenshot({ path: join(OUT, `${name}.png`) })
  console.log('saved', name)
}
const idle = () => page.waitForLoadState('networkidle').catch(() => undefined)

try {
  await page.goto(`${BASE}/`)
  await page.locator('.card').first().waitFor()
  await idle()
  await shot('home')

  await page.goto(`${BASE}/category`)
  await page.locator('.card').first().waitFor()
  await shot('category')

  await page.goto(`${BASE}/search?q=${encodeURIComponent('苹果')}&sort=sales`)
  await page.locator('.card').first().waitFor()
  await shot('search')

  await page.goto(`${BASE}/login?redirect=/me`)
  await page.locator('input[name=phone]').fill(PHONE)
  await shot('login')
  await page.getByRole('button', { name: '获取验证码' }).click()
  const code = await smsCode(PHONE)
  await page.locator('input[name=code]').fill(code)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.waitForURL(`${BASE}/me`)
  await idle()
  await shot('me')

  await page.goto(`${BASE}/product/1`)
  await page.locator('.gallery').waitFor()
  await idle()
  await shot('product')
  await page.locator('.van-action-bar-button--warning').click()
  await page.locator('.sku-pop .val').first().waitFor()
  await page.locator('.sku-pop .val').nth(1).click()
  await shot('product-sku')
  await page.locator('.sku-pop').getByRole('button', { name: '加入购物车' }).click()
  await page.locator('.van-toast').waitFor()

  await page.goto(`${BASE}/product/7`)
  await page.locator('.gallery').waitFor()
  await page.locator('.van-action-bar-button--warning').click()
  await page.locator('.sku-pop').getByRole('button', { name: '加入购物车' }).click()
  await page.locator('.van-toast').waitFor()

  await page.goto(`${BASE}/cart`)
  await page.locator('.line').first().waitFor()
  await shot('cart')

  await page.locator('.van-submit-bar__button').click()
  await page.waitForURL(/\/checkout/)
  await idle()
  await shot('checkout-no-address')
  await page.locator('.no-addr').click()
  await page.waitForURL(/\/addresses\/new/)
  const fields = page.locator('.van-field__control')
  await fields.nth(0).fill('张三')
  await fields.nth(1).fill(PHONE)
  await page.locator('.van-field').nth(2).click()
  await page.locator('.van-picker__confirm').click()
  await page.locator('textarea').fill('文三路 100 号 3 幢 501 室')
  await shot('address-edit')
  await page.getByRole('button', { name: '保存' }).click()
  await page.waitForURL(/\/checkout/)
  await idle()
  await shot('checkout')

  await page.locator('.van-submit-bar__button').click()
  await page.waitForURL(/\/pay\/\d+/)
  await idle()
  await shot('pay')
  await page.getByRole('button', { name: '确认支付' }).click()
  await page.locator('.van-dialog').waitFor()
  await shot('pay-sandbox-dialog')
  await page.locator('.van-dialog__confirm').click()
  await page.waitForURL(/\/pay\/result/)
  await page.locator('.box h2', { hasText: '支付成功' }).waitFor({ timeout: 20000 })
  await sleep(500) // the sandbox dialog fades out
  await shot('pay-result')

  await page.getByRole('button', { name: '查看订单' }).click()
  await page.waitForURL(/\/orders\/\d+/)
  await idle()
  await shot('order-detail')
  await page.mouse.wheel(0, 2000)
  await shot('order-detail-timeline')

  await page.getByRole('button', { name: '申请售后' }).click()
  await page.waitForURL(/\/refund/)
  await idle()
  await shot('refund')
  await page.locator('.line .van-checkbox').first().click()
  await page.locator('.van-cell', { hasText: '不想要了' }).click()
  await page.getByRole('button', { name: '提交申请' }).click()
  await page.waitForURL(/\/orders\/\d+$/)
  await page.locator('.refund').first().waitFor()
  await page.locator('.refund').first().scrollIntoViewIfNeeded()
  await shot('order-detail-refund')

  await page.goto(`${BASE}/orders`)
  await page.locator('.card').first().waitFor()
  await shot('orders')

  await page.goto(`${BASE}/distributor/apply`)
  await idle()
  await shot('distributor-apply')
  await page.locator('.van-field__control').first().fill('张三')
  await page.getByRole('button', { name: '提交申请' }).click()
  await page.locator('.state').waitFor()
  await shot('distributor-applied')

  if (process.env.FX_INVITE_CODE) {
    await page.goto(`${BASE}/s/${process.env.FX_INVITE_CODE}`)
    await page.locator('.hero .title').waitFor()
    await idle()
    await shot('share-shop')

    // An anonymous shopper opens a product share link, logs in to buy, and
    // the referral (kept in the fx_ref cookie) is claimed after login.
    const anon = await context.browser().newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    const p2 = await anon.newPage()
    await p2.goto(`${BASE}/s/${process.env.FX_INVITE_CODE}?p=5`)
    await p2.waitForURL(/\/product\/5/)
    await p2.locator('.ref').waitFor()
    await sleep(600)
    await p2.screenshot({ path: join(OUT, 'product-referral.png') })
    console.log('saved product-referral')
    await p2.locator('.van-action-bar-button--danger').click()
    await p2.waitForURL(/\/login/)
    const phone2 = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    await p2.locator('input[name=phone]').fill(phone2)
    await p2.getByRole('button', { name: '获取验证码' }).click()
    await p2.locator('input[name=code]').fill(await smsCode(phone2))
    const claim = p2.waitForResponse((r) => r.url().includes('/api/shop/referral/claim'))
    await p2.getByRole('button', { name: '登录', exact: true }).click()
    console.log('referral claim after login:', await (await claim).text())
    await p2.waitForURL(/\/product\/5/)
    console.log('back on', p2.url())
    await anon.close()
  }

  // Inside WeChat's browser the login page also offers WeChat authorization.
  const wx = await context.browser().newContext({
    viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322b) NetType/WIFI Language/zh_CN',
  })
  const p3 = await wx.newPage()
  await p3.goto(`${BASE}/login`)
  await p3.locator('.wechat').waitFor()
  await sleep(400)
  await p3.screenshot({ path: join(OUT, 'login-wechat.png') })
  console.log('saved login-wechat')
  await wx.close()
} catch (e) {
  await page.screenshot({ path: join(OUT, 'failure.png') })
  console.error(e)
  process.exitCode = 1
} finally {
  await browser.close()
}
