// End-to-end test of the urgent help request and the staff desk (issue 10, points 2, 6 and 9):
// a woman on a phone asks for help about domestic violence and says she is not safe; the city's
// staff member, signed in at her desk, sees it arrive in red, first on her desk with the count on
// the menu; and finds it again by the tracking code and the last four digits of the phone.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS  E2E_POW_TIMEOUT_MS
import { BASE, PHONE, expect, field, launch, pickFromField, shooter, shotsDir, signIn, stage, tid, until } from './helpers.mjs'

const POW_TIMEOUT = Number(process.env.E2E_POW_TIMEOUT_MS ?? 120000)
const browser = await launch()
const snap = shooter(shotsDir(), 'desk-')
const { step, finish, problems, open } = stage(browser, { shoot: snap })
const { page: desk } = await open('desk')
const { page: phone } = await open('phone', { viewport: PHONE, phone: true, scale: 1 })

const mobile = `139${String(Date.now()).slice(-8)}`
let trackingCode = ''
let caseNo = ''

const pickText = (testid, text) => pickFromField(phone, testid, text)

await step('the city staff member signs in; her home page is a desk with counts', async () => {
  await signIn(desk, 'city')
  await desk.locator(tid('desk')).waitFor()
  await desk.locator(`${tid('desk-count-new_requests')} .stat-value`).filter({ hasText: /\d/ }).waitFor()
  // she opens nothing else: the live alert must find her on the desk
})

await step('the help form puts 110 first and asks a woman reporting violence whether she is safe', async () => {
  await phone.goto(`${BASE}/life/a`)
  const bar = phone.locator(tid('help-110'))
  await bar.waitFor()
  expect((await bar.getAttribute('href')) === 'tel:110', 'the 110 bar does not call 110')
  expect((await phone.locator(tid('help-safe-now')).count()) === 0, 'asked before the category says violence')
  await pickText('help-category', '家庭暴力')
  await phone.locator(tid('help-safe-now')).waitFor()
  // sending without an answer says what is missing
  await phone.locator(tid('help-submit')).click()
  const missing = await phone.locator(tid('help-safe-now-error')).innerText()
  expect(missing.includes('是否安全'), `the message is "${missing}"`)
  await phone.locator(tid('safe-now-no')).check()
  await phone.locator(tid('help-unsafe')).waitFor()
  expect((await phone.locator(tid('help-safe-now-error')).count()) === 0, 'the message stayed after the answer')
  const hint = await phone.locator(tid('help-unsafe')).innerText()
  expect(hint.includes('110'), `the unsafe hint is "${hint}"`)
})

await step('she sends it; it is urgent', async () => {
  await pickText('help-town', '东城街道')
  await phone.locator(field('help-facts')).fill('（端到端测试）他喝了酒又动手，我躲在邻居家，孩子也在。')
  await phone.locator(field('help-phone')).fill(mobile)
  await phone.locator(tid('contact-sms')).check()
  await snap(phone, 'urgent-request', true)
  const sent = phone.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/help-requests', { timeout: POW_TIMEOUT })
  await phone.locator(tid('help-submit')).click()
  const body = JSON.parse((await sent).postData() ?? '{}')
  expect(body.safe_now === 'no' && body.category === 'domestic_violence', `sent ${JSON.stringify({ safe_now: body.safe_now, category: body.category })}`)
  await phone.locator(tid('help-done-title')).waitFor({ timeout: POW_TIMEOUT })
  trackingCode = (await phone.locator(tid('code-value')).innerText()).trim()
})

await step('the desk hears it at once, in red, first among new requests, counted on the menu', async () => {
  const alert = desk.locator(tid('case-alert')).first()
  await alert.waitFor({ timeout: 4 * 15000 })
  const text = await alert.innerText()
  expect(text.includes('紧急'), `the alert says "${text}"`)
  caseNo = /HJ\d{4}-\d{6}/.exec(text)?.[0] ?? ''
  expect(caseNo, `no case number in "${text}"`)
  // the desk asked again on the alert: the request is its first row, marked urgent
  const first = desk.locator(tid('desk-new')).first()
  await until(async () => (await first.innerText()).includes(caseNo), `${caseNo} first on the desk`)
  expect((await first.locator(tid('urgent-tag')).count()) === 1, 'the first new request is not marked urgent')
  const extra = await desk.locator(tid('desk-extra-new_requests')).innerText()
  expect(/紧急 \d+ 件/.test(extra), `the count says "${extra}"`)
  const badge = await desk.locator(`${tid('menu-badge-home')} .el-badge__content`).innerText()
  expect(Number(badge.replace('+', '')) > 0, `the menu badge says "${badge}"`)
  await snap(desk, 'desk', true)
})

await step('the new-requests count opens their list, the urgent one marked', async () => {
  await desk.locator(tid('desk-count-new_requests')).click()
  await desk.waitForURL(/\/cases\?/)
  await desk.locator(tid('urgent-tag')).first().waitFor()
})

await step('staff find the case by the tracking code she reads out and her last four digits', async () => {
  await desk.goto(`${BASE}/cases`)
  await desk.locator(tid('find-by-code')).click()
  const dialog = desk.locator(tid('find-dialog'))
  await dialog.locator(field('find-code')).fill(trackingCode.toLowerCase().replace(/-/g, ' '))
  const wrong = mobile.slice(-4) === '0000' ? '1111' : '0000'
  await dialog.locator(field('find-last4')).fill(wrong)
  const miss = desk.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases/find')
  await dialog.locator(tid('find-submit')).click()
  expect((await miss).status() === 404, 'wrong digits found a case')
  await dialog.locator(tid('find-not-found')).waitFor()
  await dialog.locator(field('find-last4')).fill(mobile.slice(-4))
  await dialog.locator(tid('find-submit')).click()
  await desk.waitForURL(/\/cases\/\d+$/)
  await desk.getByText(caseNo).first().waitFor()
  await desk.locator(tid('urgent-tag')).first().waitFor()
})

await step('no console errors and no unexpected error answers', async () => {
  // the sign-in page's probe of a session that does not exist yet, and the wrong digits above
  const unexpected = problems.filter((p) => !p.includes('/api/v1/cases/find -> 404') && !p.includes('GET /api/v1/session -> 401'))
  expect(unexpected.length === 0, unexpected.join('\n'))
})

await finish(browser, 'desk e2e: ')
