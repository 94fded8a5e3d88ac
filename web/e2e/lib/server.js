// The real fenxiao binary on a fresh SQLite data directory: started on a
// free port, its console read for the one-time admin password and for the
// development SMS codes, stopped at the end.
import { spawn, execFile } from 'node:child_process'
import { mkdtempSync, rmSync, createWriteStream, existsSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const PORTS = [18090, 18091, 18092, 18093, 18094, 18095, 18096, 18097, 18098, 18099]

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
  })
}

async function freePort() {
  for (const p of PORTS) if (await portFree(p)) return p
  throw new Error(`no free port in ${PORTS[0]}-${PORTS.at(-1)}`)
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** waitFor polls fn until it returns a truthy value or timeout ms pass. */
export async function waitFor(what, fn, timeout = 10_000, every = 100) {
  const end = Date.now() + timeout
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`)
    await sleep(every)
  }
}

export class Server {
  /** @param {{bin: string, logFile: string}} opts */
  constructor({ bin, logFile }) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make build\` first (it embeds both web apps)`)
    this.bin = bin
    this.logFile = logFile
    this.lines = []
  }

  async start() {
    this.port = await freePort()
    this.url = `http://127.0.0.1:${this.port}`
    this.dataDir = mkdtempSync(path.join(os.tmpdir(), 'fenxiao-e2e-'))
    this.env = {
      ...process.env,
      FENXIAO_ENV: 'development',
      FENXIAO_DATA_DIR: this.dataDir,
      FENXIAO_DATABASE_URL: '',
      FENXIAO_ADDR: `127.0.0.1:${this.port}`,
      FENXIAO_BASE_URL: this.url,
      FENXIAO_SANDBOX_PAYMENTS: 'true',
      FENXIAO_SECRET: 'e2e-secret-0123456789abcdef0123456789abcdef',
      FENXIAO_REDIS_URL: '',
      FENXIAO_LOG_LEVEL: 'info',
    }
    const log = createWriteStream(this.logFile)
    this.proc = spawn(this.bin, ['serve'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] })
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, sig) => resolve({ code, sig })))
    for (const stream of [this.proc.stdout, this.proc.stderr]) {
      let rest = ''
      stream.on('data', (chunk) => {
        log.write(chunk)
        const parts = (rest + chunk).split('\n')
        rest = parts.pop()
        this.lines.push(...parts)
      })
    }
    let dead = null
    this.exited.then((x) => (dead = x))
    await waitFor('the server to answer /healthz', async () => {
      if (dead) throw new Error(`fenxiao exited early (${JSON.stringify(dead)}); see ${this.logFile}`)
      try {
        return (await fetch(`${this.url}/healthz`)).ok
      } catch {
        return false
      }
    }, 30_000, 200)
    return this
  }

  /** The one-time password of the initial super admin, printed on first start. */
  initialAdminPassword() {
    for (const l of this.lines) {
      const m = /^\s+password:\s+(\S+)\s*$/.exec(l)
      if (m) return m[1]
    }
    throw new Error('the first-start banner with the admin password was not printed')
  }

  /** A position in the console output, to read only what comes after it. */
  mark() {
    return this.lines.length
  }

  /** The login code the development SMS sender logged for phone after mark. */
  async smsCode(phone, since = 0) {
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`
    return waitFor(`an SMS code for ${masked} in the server log`, () => {
      for (let i = this.lines.length - 1; i >= since; i--) {
        if (!this.lines[i].includes('dev sms')) continue
        const entry = JSON.parse(this.lines[i])
        if (entry.phone !== masked) continue
        const m = /(\d{6})/.exec(entry.body)
        if (m) return m[1]
      }
      return null
    })
  }

  /** Runs `fenxiao ARGS...` against the same database (e.g. a periodic job now). */
  async cli(...args) {
    const { stdout } = await run(this.bin, args, { env: this.env, timeout: 60_000 })
    return stdout.trim()
  }

  async stop({ keepData = false } = {}) {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM')
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 10_000)
      await this.exited
      clearTimeout(t)
    }
    if (this.dataDir && !keepData) rmSync(this.dataDir, { recursive: true, force: true })
  }
}
