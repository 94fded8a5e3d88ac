// Assertions on what a person sees, with messages that say what the page
// showed instead, and the few form lookups Element Plus and Vant need.
const TIMEOUT = 15_000

async function visibleText(page) {
  return (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 800)
}

/** Waits until text is visible somewhere on the page. */
export async function see(page, text, timeout = TIMEOUT) {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout })
  } catch {
    throw new Error(`expected to see "${text}" on ${page.url()}; the page shows: ${await visibleText(page)}`)
  }
}

/** Waits until the element (the first match) shows text. */
export async function seeIn(locator, text, timeout = TIMEOUT) {
  const end = Date.now() + timeout
  let last = ''
  for (;;) {
    last = await locator.first().innerText({ timeout: 1000 }).catch(() => last)
    if (last.includes(text)) return last
    if (Date.now() > end) {
      const page = locator.page()
      throw new Error(`expected ${locator} to show "${text}" on ${page.url()}; it shows "${last.replace(/\s+/g, ' ')}"; the page shows: ${await visibleText(page)}`)
    }
    await new Promise((r) => setTimeout(r, 150))
  }
}

export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim()
}

/** The input of the Element Plus form item labelled exactly label. */
export function formItemInput(scope, label) {
  return scope.locator(`.el-form-item:has(> .el-form-item__label-wrap .el-form-item__label:text-is("${label}")), .el-form-item:has(> .el-form-item__label:text-is("${label}"))`).locator('input, textarea').first()
}

/** The input marked data-testid=id, or the input inside the element so marked. */
export function testInput(page, id) {
  return page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first()
}
