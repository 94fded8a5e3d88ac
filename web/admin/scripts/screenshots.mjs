// Screenshots of the admin at 1440x900 with Debian's Chromium (not part of
// `npm test`). Needs a running Go server + Vite dev server (or the built app):
//   FX_ADMIN_URL=http://127.0.0.1:5174/admin/ FX_ADMIN_USER=admin \
//   FX_ADMIN_PASS=... [FX_ADMIN_NEWPASS=...] node scripts/screenshots.mjs
// When the account must change its password first, FX_ADMIN_NEWPASS is set.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'

const base = (process.env.FX_ADMIN_URL ?? 'http://127.0.0.1:5174/admin/').replace(/\/?$/, '/')
const user = process.env.FX_ADMIN_USER ?? 'admin'
const pass = process.env.FX_ADMIN_PASS ?? ''
const newPass = process.env.FX_ADMIN_NEWPASS ?? ''
const out = process.env.FX_SHOTS_DIR ?? 'screenshots'
const locale = process.env.FX_LOCALE ?? 'zh-CN'
mkdirSync(out, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
page.on('pageerror', (e) => console.error('page error:', e.message))
await page.addInitScript((l) => localStorage.setItem('fx_admin_locale', l), locale)

async function shot(name, path, waitFor) {
  if (path !== null) await page.goto(base + path)
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 15000 }).catch(() => console.error(`${name}: ${waitFor} not found`))
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.waitForTimeout(600)
  await page.screenshot({ path: `${out}/${name}.png` })
  console.log(`${out}/${name}.png`)
}

await shot('01-login', 'login', 'form')
await page.fill('input[autocomplete="username"]', user)
await page.fill('input[autocomplete="current-password"]', pass)
await page.click('button[type="submit"]')
await page.waitForURL(/\/(dashboard|password)/, { timeout: 15000 })
if (page.url().includes('/password')) {
  await shot('02-password', null, 'form')
  if (!newPass) throw new Error('the account must change its password: set FX_ADMIN_NEWPASS')
  const inputs = page.locator('input[type="password"]')
  await inputs.nth(0).fill(pass)
  await inputs.nth(1).fill(newPass)
  await inputs.nth(2).fill(newPass)
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/dashboard/, { timeout: 15000 })
}
await shot('03-dashboard', 'dashboard', '.fx-card')
await shot('04-orders', 'orders', '.el-table__row')
const first = await page.locator('.el-table__row a').first().getAttribute('href')
await shot('05-order-detail', first ? first.replace(/^\/admin\//, '') : 'orders/1', '.el-descriptions')
await shot('06-products', 'products', '.el-table__row')
await shot('07-distributors', 'distributors', '.el-table__row')
await shot('08-withdrawals', 'withdrawals', '.el-table')
for (const extra of (process.env.FX_EXTRA ?? '').split(',').filter(Boolean)) {
  await shot(`x-${extra.replace(/[^a-z0-9]+/gi, '-')}`, extra, '.fx-card')
}
await browser.close()
