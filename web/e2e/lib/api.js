// JSON API sessions for setting the world up through the product's own
// endpoints: each keeps its cookies (Playwright's request context) and
// echoes the session's CSRF token on every state change, as the apps do.
import { request } from 'playwright-core'

export class Api {
  static async open(baseURL) {
    const api = new Api()
    api.ctx = await request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } })
    return api
  }

  async call(method, path, body) {
    const headers = this.csrf ? { 'X-CSRF-Token': this.csrf } : {}
    const res = await this.ctx.fetch(path, { method, headers, data: body === undefined ? undefined : body })
    const text = await res.text()
    if (!res.ok()) throw new Error(`${method} ${path}: HTTP ${res.status()} ${text}`)
    return text ? JSON.parse(text) : null
  }

  get(path) { return this.call('GET', path) }
  post(path, body = {}) { return this.call('POST', path, body) }
  put(path, body) { return this.call('PUT', path, body) }
  patch(path, body) { return this.call('PATCH', path, body) }

  /** Multipart upload of one file (admin images). */
  async upload(path, name, mimeType, buffer) {
    const res = await this.ctx.post(path, { headers: { 'X-CSRF-Token': this.csrf }, multipart: { file: { name, mimeType, buffer } } })
    if (!res.ok()) throw new Error(`POST ${path}: HTTP ${res.status()} ${await res.text()}`)
    return res.json()
  }

  async adminLogin(username, password) {
    const res = await this.post('/api/admin/login', { username, password })
    this.csrf = res.csrf_token
    return res.admin
  }

  /** Shopper login by SMS code, read from the server's console. */
  async shopLogin(server, phone) {
    const mark = server.mark()
    await this.post('/api/shop/auth/sms-code', { phone })
    const code = await server.smsCode(phone, mark)
    const res = await this.post('/api/shop/auth/sms-login', { phone, code })
    this.csrf = res.csrf_token
    return res.shopper
  }

  /** Cookies for a browser context, so a page opens already logged in. */
  storageState() { return this.ctx.storageState() }

  dispose() { return this.ctx.dispose() }
}
