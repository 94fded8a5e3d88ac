// Debian's Chromium driven by playwright-core (no downloaded browser), the
// two viewports the issue asks for, and numbered screenshots.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const MOBILE = { width: 375, height: 667 }
export const DESKTOP = { width: 1440, height: 900 }

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

const common = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }

/** A phone-sized context for the H5 store (375x667, Android Chrome). */
export function mobileContext(browser, baseURL, storageState) {
  return browser.newContext({
    ...common, baseURL, storageState, viewport: MOBILE, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  })
}

/** A desktop context for the merchant admin (1440x900). */
export function desktopContext(browser, baseURL) {
  return browser.newContext({ ...common, baseURL, viewport: DESKTOP, acceptDownloads: true })
}

/** Saves what the page shows now (the viewport, as a person sees it). */
export class Shots {
  constructor(dir) {
    this.dir = dir
    this.n = 0
    this.files = []
  }

  async take(page, name) {
    this.n += 1
    const file = path.join(this.dir, `${String(this.n).padStart(2, '0')}-${name}.png`)
    await page.waitForLoadState('networkidle').catch(() => {})
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 5000 }).catch(() => {})
    // a Vant toast left over from the last action would hide the page
    await page.locator('.van-toast:visible').first().waitFor({ state: 'hidden', timeout: 4000 }).catch(() => {})
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
    this.files.push(file)
    return file
  }
}

/** Renders a simple square product picture (PNG) in the browser itself. */
export async function renderPicture(browser, { text, sub = '', from, to, size = 600 }) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0">
    <div style="width:${size}px;height:${size}px;display:flex;flex-direction:column;align-items:center;justify-content:center;
      background:radial-gradient(circle at 30% 25%, #ffffff66 0 18%, transparent 19%), linear-gradient(135deg, ${from}, ${to});
      font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;color:#fff">
      <div style="font-size:${Math.round(size / 6)}px;font-weight:700;text-shadow:0 4px 16px #0003">${text}</div>
      ${sub ? `<div style="margin-top:${size / 30}px;font-size:${Math.round(size / 16)}px;opacity:.9">${sub}</div>` : ''}
    </div>`)
  const buf = await page.screenshot({ type: 'png' })
  await page.close()
  return buf
}
