// The storefront end to end: the real server on a fresh SQLite database,
// Debian's Chromium, and the five flows of the distribution loop. Each
// step asserts what a person sees and saves a screenshot to test-output/.
//
// Setup that is not the point of a flow (catalogue, the two distributors)
// goes through the product's own JSON API; the flows themselves are driven
// in the browser. Run with `make test-e2e` (or `npm test` here after
// `make build`).
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Server } from '../lib/server.js'
import { Api } from '../lib/api.js'
import { Shots, desktopContext, launch, mobileContext } from '../lib/browser.js'
import { readXlsx } from '../lib/xlsx.js'
import { seedCatalogue, HERO } from '../lib/catalogue.js'
import { formItemInput, see, seeIn, testInput, textOf } from '../lib/ui.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const OUT = path.resolve(here, '..', 'test-output')
const BIN = path.resolve(here, '..', '..', '..', process.env.FENXIAO_BIN || 'bin/fenxiao')

const ADMIN_PASSWORD = 'E2e-admin-passw0rd'
const PARENT = { phone: '13900000001', nickname: '老彭', name: '彭大海' }
const DISTRIBUTOR = { phone: '13900000002', nickname: '小安', name: '安然' }
const SHOPPER = { phone: '13700000003', name: '林晓', tail: '0003' }
// 15% and 5% of ¥128.00 (the product's own commission rates)
const TIER1 = '¥19.20'
const TIER2 = '¥6.40'

const w = {} // the world the flows build on
const pages = [] // every page opened, for screenshots when something fails
let server, browser, shots
let broken = null

/** A flow: skipped once an earlier one failed (each builds on the last). */
function flow(name, fn) {
  test(name, { timeout: 180_000 }, async (t) => {
    if (broken) return t.skip(`needs "${broken}", which failed`)
    try {
      await fn(t)
    } catch (err) {
      broken = name
      for (const [i, p] of pages.entries()) {
        if (!p.isClosed()) await p.screenshot({ path: path.join(OUT, `FAILED-${i}-${p.label}.png`) }).catch(() => {})
      }
      throw err
    }
  })
}

async function newPage(ctx, label) {
  const page = await ctx.newPage()
  page.label = label
  page.setDefaultTimeout(15_000)
  pages.push(page)
  return page
}

describe('fenxiao end to end', () => {
  before(async () => {
    rmSync(OUT, { recursive: true, force: true })
    mkdirSync(OUT, { recursive: true })
    shots = new Shots(OUT)
    server = await new Server({ bin: BIN, logFile: path.join(OUT, 'server.log') }).start()
    browser = await launch()
    console.log(`# server ${server.url} (data ${server.dataDir}), chromium ${browser.version()}`)
  })

  after(async () => {
    await browser?.close()
    await server?.stop({ keepData: !!broken })
    if (broken && server) console.log(`# kept the data directory ${server.dataDir} and ${OUT}/server.log`)
  })

  flow('setup: first admin login changes the password; catalogue and distributors P and A', async () => {
    const ctx = await desktopContext(browser, server.url)
    const admin = await newPage(ctx, 'admin')
    await admin.goto('/admin/')
    await see(admin, '登录商家后台')
    await admin.getByPlaceholder('用户名').fill('admin')
    await admin.getByPlaceholder('密码').fill(server.initialAdminPassword())
    await admin.getByRole('button', { name: '登录' }).click()
    await see(admin, '首次登录或密码被重置后，请先设置新密码再继续使用。')
    await formItemInput(admin, '当前密码').fill(server.initialAdminPassword())
    await formItemInput(admin, '新密码').fill(ADMIN_PASSWORD)
    await formItemInput(admin, '确认新密码').fill(ADMIN_PASSWORD)
    await shots.take(admin, 'admin-forced-password-change')
    await admin.getByRole('button', { name: '确认修改' }).click()
    await see(admin, '密码已修改')
    await admin.waitForURL(/\/admin\/dashboard/)
    w.admin = admin

    // The rest of the world through the JSON API, logged in as that admin.
    const api = await Api.open(server.url)
    await api.adminLogin('admin', ADMIN_PASSWORD)
    w.adminApi = api
    w.catalogue = await seedCatalogue(api, browser)

    w.parent = await becomeDistributor(PARENT)
    w.distributor = await becomeDistributor(DISTRIBUTOR, w.parent.me.invite_code)
    assert.equal(w.distributor.me.parent?.nickname, PARENT.nickname, "A registered through P's link, so P is A's parent")
  })

  flow("1. through A's link a shopper logs in by SMS code, buys, pays in the sandbox and sees the order paid", async () => {
    const ctx = await mobileContext(browser, server.url)
    const page = await newPage(ctx, 'shopper')
    w.shopper = page
    await page.goto(`/s/${w.distributor.me.invite_code}`)
    await see(page, `由 ${DISTRIBUTOR.nickname} 推荐`)
    await see(page, HERO.title)
    await shots.take(page, 'h5-share-landing')

    await page.getByRole('button', { name: '进入商城逛逛' }).click()
    await see(page, '为你推荐')
    await see(page, HERO.title)
    await page.locator('.van-swipe').first().waitFor()
    await shots.take(page, 'h5-home')

    await page.getByText(HERO.title).last().click()
    await page.waitForURL(/\/product\/\d+/)
    w.productPath = new URL(page.url()).pathname
    await see(page, HERO.subtitle)
    await shots.take(page, 'h5-product')

    await page.getByRole('button', { name: '立即购买' }).click()
    await see(page, '手机号登录')
    await page.getByPlaceholder('请输入手机号').fill(SHOPPER.phone)
    const mark = server.mark()
    await page.getByRole('button', { name: '获取验证码' }).click()
    await see(page, '验证码已发送')
    await page.getByPlaceholder('6 位验证码').fill(await server.smsCode(SHOPPER.phone, mark))
    await shots.take(page, 'h5-login-sms-code')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL(/\/product\/\d+/)

    await page.getByRole('button', { name: '立即购买' }).click()
    await page.locator('.van-popup').getByRole('button', { name: '立即购买' }).click()
    await see(page, '确认订单')
    await page.getByText('添加收货地址', { exact: true }).click()
    await page.getByPlaceholder('收货人姓名').fill(SHOPPER.name)
    await page.getByPlaceholder('请输入手机号').fill(SHOPPER.phone)
    await page.getByPlaceholder('省 / 市 / 区').click()
    await page.locator('.van-picker__confirm').click()
    await page.getByPlaceholder('街道、楼牌号等').fill('朝阳门北大街 8 号 1203 室')
    await page.getByRole('button', { name: '保存' }).click()
    await see(page, '确认订单')
    await see(page, SHOPPER.name)
    await see(page, HERO.title)
    await shots.take(page, 'h5-checkout')

    await page.getByRole('button', { name: '提交订单' }).click()
    await see(page, '收银台')
    await see(page, '沙箱支付')
    await see(page, '演示环境：不会真实扣款')
    await shots.take(page, 'h5-cashier-sandbox')
    w.orderId = Number(/\/pay\/(\d+)/.exec(page.url())[1])
    w.orderNo = (await textOf(page.getByText(/^订单号/).first())).replace('订单号', '').trim()

    await page.getByRole('button', { name: '确认支付' }).click()
    await see(page, '这是测试支付，不会产生真实扣款。确认模拟支付成功？')
    await page.getByRole('button', { name: '模拟支付成功' }).click()
    await see(page, '支付成功')
    await see(page, '¥128.00')
    await shots.take(page, 'h5-pay-success')

    await page.getByRole('button', { name: '查看订单' }).click()
    await see(page, '待发货')
    await see(page, '商家正在备货，请耐心等待')
    await see(page, '沙箱/测试支付')
    await shots.take(page, 'h5-order-paid')
    assert.match(w.orderNo, /\S/, 'the cashier shows the order number')
  })

  flow('2. A sees the pending commission and the new customer; P sees the tier-2 commission', async () => {
    const a = await newPage(await mobileContext(browser, server.url, await w.distributor.api.storageState()), 'distributor-A')
    w.a = a
    await a.goto('/centre')
    await seeIn(a.getByTestId('income-pending'), TIER1)
    await shots.take(a, 'h5-centre')

    // Sharing the product again shows what the next sale would earn A.
    await a.goto(w.productPath)
    await a.getByText('分享赚').click()
    await seeIn(a.getByTestId('share-estimate'), TIER1)
    await shots.take(a, 'h5-share-estimate')

    await a.goto('/centre/commissions')
    const row = a.getByTestId('commission-row').first()
    await seeIn(row, TIER1)
    await seeIn(row, '一级')
    await shots.take(a, 'h5-centre-commissions-A')

    await a.goto('/centre/customers')
    await seeIn(a.getByTestId('customer-row').first(), SHOPPER.tail)
    await shots.take(a, 'h5-centre-customers-A')

    const p = await newPage(await mobileContext(browser, server.url, await w.parent.api.storageState()), 'parent-P')
    w.p = p
    await p.goto('/centre/commissions')
    const prow = p.getByTestId('commission-row').first()
    await seeIn(prow, TIER2)
    await seeIn(prow, '二级')
    await shots.take(p, 'h5-centre-commissions-P')

    await p.goto('/centre/team')
    const member = p.getByTestId('team-row').first()
    await seeIn(member, DISTRIBUTOR.nickname)
    await seeIn(member, TIER2)
    await shots.take(p, 'h5-centre-team-P')
  })

  flow('3. the admin ships, the shopper confirms receipt, settlement runs (window 0) and A has it available', async () => {
    const { admin } = w
    await admin.goto('/admin/settings/commission')
    const days = formItemInput(admin, '售后期（天）')
    await days.fill('0')
    await days.blur()
    await admin.getByRole('button', { name: '保存' }).click()
    await see(admin, '已保存')
    await shots.take(admin, 'admin-settle-window-0')
    assert.equal((await w.adminApi.get('/api/admin/settings/commission')).settle_after_days, 0)

    await admin.goto('/admin/orders')
    await admin.getByRole('link', { name: w.orderNo }).click()
    await see(admin, '待发货')
    await admin.getByRole('button', { name: '发货' }).click()
    const dlg = admin.locator('.el-dialog').filter({ hasText: '运单号' })
    await dlg.locator('.el-select').click()
    await admin.locator('.el-select-dropdown__item').filter({ hasText: '顺丰速运' }).click()
    await formItemInput(dlg, '运单号').fill('SF1400000000001')
    await dlg.getByRole('button', { name: '发货' }).click()
    await see(admin, '已发货')
    await see(admin, 'SF1400000000001')
    await shots.take(admin, 'admin-order-shipped')

    const { shopper } = w
    await shopper.goto(`/orders/${w.orderId}`)
    await see(shopper, '待收货')
    await see(shopper, 'SF1400000000001')
    await shopper.getByRole('button', { name: '确认收货' }).click()
    await see(shopper, '确认已收到商品吗？')
    await shopper.locator('.van-dialog').getByRole('button', { name: '确认' }).click()
    await see(shopper, '已完成')
    await see(shopper, '交易已完成，感谢您的购买')
    await shots.take(shopper, 'h5-order-completed')

    // The periodic settlement job, run now (as `fenxiao jobs run` does for an operator).
    const out = await server.cli('jobs', 'run', 'commission.settle')
    assert.match(out, /settled 2 commission records/, out)

    await w.a.goto('/centre')
    await seeIn(w.a.getByTestId('income-available'), TIER1)
    await seeIn(w.a.getByTestId('income-pending'), '¥0.00')
    await shots.take(w.a, 'h5-centre-available')
  })

  flow('4. A asks to withdraw; the admin approves with the password and records the manual payout; A sees it paid', async () => {
    const { a, admin } = w
    await a.goto('/centre/payout-accounts')
    await a.getByTestId('account-add').click()
    await addAlipayAccount(a)
    await a.getByTestId('account-submit').click()
    await see(a, '收款账户已添加')
    await seeIn(a.getByTestId('account-row').first(), '0002')
    await shots.take(a, 'h5-payout-account')

    await a.goto('/centre/withdraw')
    await see(a, '可提现金额')
    await seeIn(a.getByTestId('withdraw-rules'), '单笔最低 ¥1.00')
    await testInput(a, 'withdraw-amount').fill('19.20')
    await seeIn(a.getByTestId('withdraw-fee'), `实到 ${TIER1}`)
    await seeIn(a.getByTestId('withdraw-account'), '0002')
    await shots.take(a, 'h5-withdraw-form')
    await a.getByTestId('withdraw-submit').click()
    await see(a, '提现申请已提交')
    await a.waitForURL(/\/centre\/withdrawals/)
    const row = a.getByTestId('withdrawal-row').first()
    await seeIn(row, '待审核')
    await seeIn(row, TIER1)
    await shots.take(a, 'h5-withdrawal-pending')

    await admin.goto('/admin/withdrawals')
    const arow = admin.locator('.el-table__row').filter({ hasText: '待审核' }).first()
    await seeIn(arow, TIER1)
    await arow.getByRole('button', { name: '审核通过' }).click()
    const box = admin.locator('.el-message-box')
    await seeIn(box, '请输入您的登录密码确认审核通过')
    await box.locator('input').fill(ADMIN_PASSWORD)
    await box.getByRole('button', { name: '审核通过' }).click()
    await see(admin, '已审核通过')
    // a click while the box is still closing (scroll lock released under it)
    // scrolls the table to its end in Chromium; act once it is gone
    await box.waitFor({ state: 'hidden' })
    const approved = admin.locator('.el-table__row').filter({ hasText: '待打款' }).first()
    await approved.getByRole('button', { name: '登记打款' }).click()
    const dlg = admin.locator('.el-dialog').filter({ hasText: '付款凭证号' })
    await dlg.getByPlaceholder('银行流水号或转账单号').fill('ALIPAY-20260101-0001')
    await dlg.getByRole('button', { name: '确认已打款' }).click()
    await see(admin, '已登记打款')
    await seeIn(admin.locator('.el-table__row').first(), '已打款')
    await seeIn(admin.locator('.el-table__row').first(), 'ALIPAY-20260101-0001')
    await shots.take(admin, 'admin-withdrawal-paid')

    await a.goto('/centre/withdrawals')
    await seeIn(a.getByTestId('withdrawal-row').first(), '已打款')
    await shots.take(a, 'h5-withdrawal-paid')
    await a.goto('/centre')
    await seeIn(a.getByTestId('income-paid'), TIER1)
    await seeIn(a.getByTestId('income-available'), '¥0.00')
    await shots.take(a, 'h5-centre-paid')
  })

  flow('5. the admin dashboard shows the sale and an export downloads a valid .xlsx', async () => {
    const { admin } = w
    // The last 7 days, not today: a run across midnight (China time) still sees the sale.
    await admin.goto('/admin/dashboard?range=7d')
    const gmv = admin.locator('.stat').filter({ hasText: '成交额 (GMV)' })
    await seeIn(gmv, '¥128.00')
    await see(admin, '已支付 1 单')
    await seeIn(admin.locator('.stat').filter({ hasText: '已打款佣金' }), TIER1)
    await seeIn(admin.locator('.el-table__row').filter({ hasText: DISTRIBUTOR.nickname }).first(), '¥128.00')
    await admin.locator('canvas').first().waitFor()
    await admin.waitForTimeout(800) // ECharts animates its first draw
    await shots.take(admin, 'admin-dashboard')

    await admin.goto('/admin/commissions')
    await seeIn(admin.locator('.el-table__row').filter({ hasText: '一级' }).first(), TIER1)
    await seeIn(admin.locator('.el-table__row').filter({ hasText: '二级' }).first(), TIER2)
    await admin.getByRole('button', { name: '导出 Excel' }).click()
    const dlg = admin.locator('.el-dialog').filter({ hasText: '导出' })
    await seeIn(dlg, '已完成')
    await shots.take(admin, 'admin-export-ready')
    const [download] = await Promise.all([admin.waitForEvent('download'), dlg.getByRole('link', { name: '下载' }).or(dlg.getByRole('button', { name: '下载' })).first().click()])
    const file = path.join(OUT, 'commissions-export.xlsx')
    await download.saveAs(file)
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const xlsx = readXlsx(readFileSync(file))
    assert.ok(xlsx.text.includes('佣金(元) Commission (yuan)'), 'the export has its header row')
    assert.equal(xlsx.text.split('已结算 settled').length - 1, 2, 'both commissions are exported as settled')
    assert.match(xlsx.text, /<v>19\.2<\/v>/, 'the tier-1 commission is a number cell of 19.2 yuan')
    console.log(`# export: ${download.suggestedFilename()}, ${xlsx.sheets} sheet(s), ${xlsx.parts.length} parts`)
  })
})

/** A shopper who applies to distribute (through inviteCode when given) and
 * is approved by the admin; returns its API session and distributor card. */
async function becomeDistributor(who, inviteCode) {
  const api = await Api.open(server.url)
  if (inviteCode) await api.post('/api/shop/referral/visit', { code: inviteCode, source: 'link' })
  const shopper = await api.shopLogin(server, who.phone)
  await api.patch('/api/shop/me', { nickname: who.nickname })
  await api.post('/api/shop/distributor/apply', { name: who.name, phone: who.phone, note: '朋友圈和社群推广' })
  const apps = await w.adminApi.get('/api/admin/distributor-applications?status=pending')
  const app = apps.items.find((x) => x.shopper_id === shopper.id)
  assert.ok(app, `the application of ${who.nickname} is in the admin queue`)
  await w.adminApi.post(`/api/admin/distributor-applications/${app.id}/approve`, {})
  const me = await api.get('/api/shop/distributor/me')
  return { api, shopper, me }
}

/** Fills the payout account form with an Alipay account. */
async function addAlipayAccount(page) {
  const alipay = page.locator('[data-testid=account-kind] [data-kind=alipay]')
  if (await alipay.count()) await alipay.click()
  await testInput(page, 'account-number').fill(DISTRIBUTOR.phone)
  await testInput(page, 'account-name').fill(DISTRIBUTOR.name)
}
