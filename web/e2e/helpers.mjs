// What every browser test shares: the settings, Debian's Chromium, a page in Beijing time,
// signing in (on the page, or to the API), the watch for error answers and console errors, steps
// with their tally, a test's watched pages, and numbered screenshots.
//   E2E_BASE_URL (default http://127.0.0.1:8080)  E2E_PASSWORD (default Hejia-Demo-2026)
//   E2E_SCREENSHOT_DIR (default web/test-results[/…])  E2E_TIMEOUT_MS (default 15000)
//   CHROMIUM_PATH (default /usr/bin/chromium)
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BASE = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
export const ORIGIN = new URL(BASE).origin
export const PASSWORD = process.env.E2E_PASSWORD ?? 'Hejia-Demo-2026'
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15000)
export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** Where screenshots go: $E2E_SCREENSHOT_DIR, else web/test-results/<sub…>; made if missing. */
export function shotsDir(...sub) {
  const dir = process.env.E2E_SCREENSHOT_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', ...sub)
  mkdirSync(dir, { recursive: true })
  return dir
}

export const tid = (id) => `[data-testid="${id}"]`
/** A text input by test id: Element Plus puts the id on the <input>/<textarea>, Vant on its row. */
export const field = (id) => `input${tid(id)}, ${tid(id)} input, textarea${tid(id)}, ${tid(id)} textarea`

export function expect(cond, message) {
  if (!cond) throw new Error(message)
}

/** A resident ID number's check character (GB 11643) appended to its first 17 digits. */
export function withCheckChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[s % 11]
}

/** Waits until the server answers at all (any status), at most `ms`. */
export async function serverReady(ms = 30000) {
  const until = Date.now() + ms
  for (;;) {
    try {
      await fetch(`${BASE}/readyz`)
      return
    } catch (e) {
      if (Date.now() > until) throw new Error(`no server at ${BASE}: ${e?.message ?? e}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
}

/** Headless Chromium, once the server answers. */
export async function launch(extraArgs = []) {
  await serverReady()
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', ...extraArgs],
  })
}

/** A new context and page in Beijing time: a desk by default, a touch phone with `phone: true`. */
export async function newPage(browser, { viewport = DESKTOP, phone = false, locale = 'zh-CN', scale, timeout = TIMEOUT } = {}) {
  const context = await browser.newContext({
    viewport, locale, timezoneId: 'Asia/Shanghai',
    ...(phone ? { isMobile: true, hasTouch: true } : {}), ...(scale ? { deviceScaleFactor: scale } : {}),
  })
  context.setDefaultTimeout(timeout)
  return { context, page: await context.newPage() }
}

/** Signs in on the console's sign-in page and waits until `ready` (the header's sign-out) shows. */
export async function signIn(page, login, { password = PASSWORD, ready = tid('sign-out') } = {}) {
  await page.goto(`${BASE}/login`)
  await page.locator(field('login-input')).fill(login)
  await page.locator(field('password-input')).fill(password)
  await page.locator(tid('login-submit')).click()
  await page.locator(ready).waitFor()
}

/**
 * The API as `login`, in a browser context of its own (its session cookie; the CSRF token sent
 * with every change). `call(method, path, data)` and `get(path)` (paths under /api/v1) answer
 * { status, ok, text, body: the JSON, null when empty }; `json(method, path, data)` answers the
 * body and throws on an error answer. `session` is the sign-in's answer, `user` its user.
 */
export async function signedInApi(browser, login, { password = PASSWORD } = {}) {
  const context = await browser.newContext()
  const res = await context.request.post(`${BASE}/api/v1/session`, { data: { login, password } })
  expect(res.ok(), `${login} cannot sign in: ${res.status()}`)
  const session = await res.json()
  async function call(method, path, data) {
    const r = await context.request.fetch(`${BASE}/api/v1${path}`, {
      method, data, headers: method === 'GET' ? {} : { 'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json' },
    })
    const text = await r.text()
    let body = null
    try {
      body = text ? JSON.parse(text) : null
    } catch (e) {
      if (r.ok()) throw e // an error answer's text is in the message instead
    }
    return { status: r.status(), ok: r.ok(), text, body }
  }
  async function json(method, path, data) {
    const r = await call(method, path, data)
    if (!r.ok) throw new Error(`${login}: ${method} ${path} -> ${r.status} ${r.text.slice(0, 300)}`)
    return r.body
  }
  return { session, user: session.user, call, get: (path) => call('GET', path), json, close: () => context.close() }
}

/**
 * Records what should not happen on a page: an error answer (status >= `minStatus`) unless
 * `allowed` or an `expecting` step lists it, any console error but Chromium's own "Failed to load
 * resource" line for such an answer, and any uncaught exception. Answers are
 * {method, path, status}; `problems` gets "<label>METHOD /path -> 404" and the like.
 */
export function watchPage(page, { problems = [], label = '', minStatus = 400, allowed = () => false } = {}) {
  let expected = []
  const listed = (a) => expected.some((e) => e.method === a.method && e.path === a.path && e.status === a.status)
  page.on('response', (res) => {
    if (res.status() < minStatus) return
    const a = { method: res.request().method(), path: new URL(res.url()).pathname, status: res.status() }
    if (listed(a) || allowed(a)) return
    problems.push(`${label}${a.method} ${a.path} -> ${a.status}`)
  })
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    if (/^Failed to load resource/.test(msg.text())) return
    problems.push(`${label}console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`${label}pageerror: ${err.message}`))
  /** Runs fn while these answers count as expected, e.g. { method: 'GET', path: '/api/v1/session', status: 401 }. */
  async function expecting(answers, fn) {
    const before = expected
    expected = [...expected, ...answers]
    try {
      return await fn()
    } finally {
      await page.waitForLoadState('networkidle').catch(() => {})
      expected = before
    }
  }
  return { problems, expecting }
}

/** Numbered screenshots in `dir`: <prefix><NN>-<name>.png; with `settled`, each once the page's
 *  animations (tags zooming in, dialogs) have finished, or after 3 s. */
export function shooter(dir, prefix = '', { settled = false } = {}) {
  let n = 0
  const shoot = (page, name, fullPage = false) =>
    page.screenshot({ path: join(dir, `${prefix}${String(++n).padStart(2, '0')}-${name}.png`), fullPage })
  if (!settled) return shoot
  return async (page, name, fullPage = false) => {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 3000 }).catch(() => {})
    await shoot(page, name, fullPage)
  }
}

/** A name fit for a file. */
export const slug = (name, max = 40) => name.replace(/[^\w]+/g, '_').slice(0, max)

/**
 * The steps of a test file and their tally. A failed step logs the error and calls `onFail`
 * (a screenshot); with `stopAfterFailure` the steps after it are skipped (a story that builds
 * on itself). `finish` closes the browser, prints "N passed, M failed" and exits.
 */
export function steps({ onFail = async () => {}, stopAfterFailure = false } = {}) {
  const results = []
  let failedOnce = false
  async function step(name, fn, failShot = onFail) {
    if (stopAfterFailure && failedOnce) {
      results.push(false)
      console.log(`skip - ${name} (an earlier step failed)`)
      return
    }
    const started = Date.now()
    try {
      await fn()
      results.push(true)
      console.log(`ok   - ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      failedOnce = true
      results.push(false)
      console.log(`FAIL - ${name}\n       ${String(e?.stack ?? e).split('\n').slice(0, 14).join('\n       ')}`)
      await failShot(name).catch(() => {})
    }
  }
  async function finish(browser, label = '') {
    await browser.close()
    const passed = results.filter(Boolean).length
    console.log(`${label}${passed} passed, ${results.length - passed} failed`)
    process.exit(passed === results.length ? 0 : 1)
  }
  return { step, finish, results }
}

/**
 * A test with more than one page: its steps, and the pages `open(who, newPage's options)` makes
 * ({ context, page, expecting }), each watched — error answers but `allowed` and console errors
 * go to the one `problems`, labelled "<who>: ". A failed step screenshots every page still open
 * with `shoot`, as FAIL-<who>-<step>.
 */
export function stage(browser, { shoot, allowed, stopAfterFailure = false }) {
  const problems = []
  const pages = []
  const { step, finish } = steps({
    stopAfterFailure,
    onFail: async (name) => {
      for (const [page, who] of pages) if (!page.isClosed()) await shoot(page, `FAIL-${who}-${slug(name, 30)}`).catch(() => {})
    },
  })
  async function open(who, options) {
    const { context, page } = await newPage(browser, options)
    const { expecting } = watchPage(page, { problems, label: `${who}: `, allowed })
    pages.push([page, who])
    return { context, page, expecting }
  }
  return { step, finish, problems, open }
}

/**
 * Polls `probe` until it returns a truthy value, which it returns; throws with `what` once
 * `timeout` ms have passed. Waits on what is stored, never for a fixed time: a busy machine
 * only makes it slower.
 */
/** Closes the live notifications (a case or incident alert stays until closed, top right) so they
 *  do not take a click meant for the page under them. */
export async function dismissNotifications(page) {
  for (const close of await page.locator('.el-notification .el-notification__closeBtn').all()) await close.click().catch(() => {})
  await page.locator('.el-notification').first().waitFor({ state: 'detached' }).catch(() => {})
}

export async function until(probe, what, { timeout = 4 * TIMEOUT, every = 200 } = {}) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    last = await probe()
    if (last) return last
    if (Date.now() > deadline) throw new Error(`${what}: not so after ${timeout} ms`)
    await new Promise((r) => setTimeout(r, every))
  }
}

/** Chooses an option of a Vant bottom picker's column, by text or by index, and waits until the
 *  column has selected it (a click scrolls the column; the confirm button reads the selection). */
export async function pickInColumn(picker, option) {
  const item = typeof option === 'number'
    ? picker.locator('.van-picker-column__item').nth(option)
    : picker.locator('.van-picker-column__item').filter({ hasText: option }).first()
  const text = (await item.innerText()).trim()
  await item.click()
  await picker.locator('.van-picker-column__item--selected', { hasText: text }).first().waitFor()
}

/** Opens the Vant bottom picker of the field `testid` on `page`, chooses `option` in its column
 *  (pickInColumn) and confirms it. */
export async function pickFromField(page, testid, option) {
  await page.locator(tid(testid)).click()
  const picker = page.locator(tid(`${testid}-picker`))
  await picker.waitFor()
  await pickInColumn(picker, option)
  await picker.locator('.van-picker__confirm').click()
  await picker.waitFor({ state: 'hidden' })
}

/** Picks the option of an Element Plus select whose text contains `text` (a string or a
 *  RegExp: /\S/ picks the first option). The select is clicked
 *  once what it shows has loaded (no loading mask in `scope`); a click that opened nothing — it
 *  landed while the page was still settling — is made again, so a busy machine only makes it
 *  slower, never wrong. */
export async function chooseOption(page, scope, select, text, { attempts = 4 } = {}) {
  await scope.locator('.el-loading-mask').waitFor({ state: 'detached', timeout: TIMEOUT })
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  const dropdown = page.locator('.el-select-dropdown:visible')
  for (let i = 1; ; i++) {
    // only a closed select is clicked: a click on an open one would close it
    if (!(await dropdown.count())) await scope.locator(select).click()
    try {
      await option.waitFor({ timeout: TIMEOUT / attempts })
      break
    } catch (e) {
      if (i >= attempts) throw e
    }
  }
  await option.click()
}

/** DevTools' network presets (round trip, bytes a second each way), for `throttledVisit`. */
export const NETWORKS = {
  'fast 4G': { latency: 165, downloadThroughput: 1012500, uploadThroughput: 168750 },
  'slow 3G': { latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 },
}

/**
 * Opens `path` as a phone would the first time (a fresh context, nothing cached) on the network
 * `NETWORKS[network]` with the CPU `cpu` times slower; waits until `ready` (a function run in
 * the page: false until the page is usable, then `performance.now()`), then until no request
 * has been open for half a second. Answers `usable` and `paint` (ms from the start of the
 * navigation: what `ready` answered, first contentful paint),
 * `requests` ({ path, type, status, encoding, wire: headers and body as sent, compressed: the
 * same with the body gzipped here when the server sent it plain }) and `problems` (error answers
 * other than `allowed`, console errors, exceptions).
 */
export async function throttledVisit(browser, path, ready, { network = 'slow 3G', cpu = 4, allowed = () => false, timeout = 180000 } = {}) {
  const { gzipSync } = await import('node:zlib')
  const { context, page } = await newPage(browser, { viewport: PHONE, phone: true, timeout })
  const { problems } = watchPage(page, { allowed })
  const requests = []
  const finishing = []
  let open = 0
  let lastChange = Date.now()
  const change = (d) => { open += d; lastChange = Date.now() }
  page.on('request', () => change(1))
  page.on('requestfailed', (req) => { change(-1); problems.push(`${req.method()} ${new URL(req.url()).pathname} failed: ${req.failure()?.errorText}`) })
  page.on('requestfinished', (req) => finishing.push((async () => {
    try {
      const res = await req.response()
      const sizes = await req.sizes()
      const encoding = res?.headers()['content-encoding'] ?? ''
      const body = encoding ? null : await res?.body().catch(() => null)
      const headers = sizes.responseHeadersSize
      requests.push({
        path: new URL(req.url()).pathname, type: req.resourceType(), status: res?.status() ?? 0, encoding,
        wire: headers + sizes.responseBodySize,
        compressed: headers + (body ? Math.min(body.length, gzipSync(body, { level: 9 }).length) : sizes.responseBodySize),
      })
    } finally {
      change(-1)
    }
  })()))
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORKS[network] })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu })
  try {
    await page.goto(`${BASE}${path}`, { waitUntil: 'commit', timeout })
    const usable = await (await page.waitForFunction(ready, null, { timeout, polling: 50 })).jsonValue()
    await until(() => open === 0 && Date.now() - lastChange > 500, `the requests of ${path} finishing`, { timeout, every: 100 })
    // asked now: the field may take input a frame before it is painted
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1)
    await Promise.all(finishing)
    return { usable, paint, requests, problems }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {})
    await context.close()
  }
}

// The key-families list's "列入重点家庭" dialog, open, with the household whose head is `headName`
// chosen (a name only one household has). Returns the dialog.
export async function openListingDialog(page, headName) {
  await page.goto(`${BASE}/key-families`)
  await page.locator(tid('families-table')).waitFor()
  await page.locator(tid('family-add')).click()
  const dialog = page.locator('.el-dialog', { has: page.locator(tid('list-family-submit')) })
  await dialog.waitFor()
  await dialog.locator(`input${tid('list-family-household')}, ${tid('list-family-household')} input`).first().fill(headName)
  await page.locator('.el-select-dropdown__item:visible', { hasText: headName }).first().click()
  return dialog
}
