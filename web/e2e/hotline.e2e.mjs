// End-to-end test of 热线来电 (the 12338 hotline log) on a desk: the town's worker opens it from the
// menu (its badge the late call backs the page's own answer counted), types a call into the quick
// form while "talking" — the caller's phone, 家庭暴力相关, what was said, 约定回拨 with 明天上午
// 09:00 — and saves it with Ctrl+Enter: 已记录, the form clears but for the line and the town, the
// call is in the list (masked phone, its category and outcome) and in 待回拨; she marks it 已回拨
// and it leaves 待回拨. A second call with 转为求助 lands on its new help request, whose channel
// reads 12338 热线 and which names the call it came from. The leader has no 热线来电 in her menu,
// and /hotline is refused her.
// Independent of what the other files change: its calls are its own (a phone number of this run),
// found by the ids the server answered.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, expect, field, launch, shooter, shotsDir, signIn, stage, tid, until } from './helpers.mjs'

const RUN = String(Date.now()).slice(-8)
const PHONE = `139${RUN}`
const MASK = `139****${RUN.slice(-4)}`
const SUMMARY = `丈夫酒后推搡，想了解人身安全保护令怎么申请（E2E ${RUN}）`
const SUMMARY2 = `婆家扣着孩子不让见，希望妇联出面调解（E2E ${RUN}）`
const browser = await launch()
const shoot = shooter(shotsDir(), 'hotline-')
// desk pages, each of its own (open): the sign-in page asks for a session before there is one
const allowed = (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401
const { step, finish, problems, open } = stage(browser, { shoot, allowed, stopAfterFailure: true })

/** The next answer to METHOD /api/v1<path> (a RegExp for a path with an id). */
const answerTo = (page, method, path) => page.waitForResponse((r) => {
  const p = new URL(r.url()).pathname
  return r.request().method() === method && (path instanceof RegExp ? path.test(p) : p === `/api/v1${path}`)
})

const { page } = await open('town')
const quick = page.locator(tid('hotline-quick'))
const rowOf = (id) => page.locator('.el-table__row', { has: page.locator(`${tid('hotline-row')}[data-call-id="${id}"]`) })
let callId = 0

await step('the town worker opens 热线来电 from the menu; its badge counts the late call backs', async () => {
  // asked at sign-in, for the badge
  const first = answerTo(page, 'GET', '/hotline-calls/call-backs')
  await signIn(page, 'town')
  await page.locator(tid('menu-hotline')).click()
  await page.waitForURL(/\/hotline$/)
  const answer = await (await first).json()
  await page.locator(tid('hotline-table')).waitFor()
  await quick.waitFor()
  const badge = page.locator(tid('menu-badge-hotline'))
  const shown = answer.overdue > 99 ? '99+' : String(answer.overdue)
  if (answer.overdue > 0) await until(async () => (await badge.innerText().catch(() => '')).trim() === shown, `the badge showing ${shown}`)
  else expect(!(await badge.count()), 'a badge with no late call back')
  // the summary has the focus: she types at once
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))
  expect(focused === 'hotline-summary', `the focus is on ${focused}`)
  await shoot(page, 'page')
})

await step('she types a call back promised for tomorrow 09:00 and saves it with Ctrl+Enter', async () => {
  await page.locator(field('hotline-phone')).fill(PHONE)
  // the first keystroke starts the timer
  await page.locator(tid('hotline-timer-running')).waitFor()
  await quick.locator(tid('hotline-category-domestic_violence')).click()
  await page.locator(field('hotline-summary')).fill(SUMMARY)
  await quick.locator(tid('hotline-outcome-call_back')).click()
  await quick.locator(tid('hotline-due-tomorrow')).click()
  const due = await page.locator(field('hotline-due')).inputValue()
  expect(/ 09:00$/.test(due), `the due time reads "${due}"`)
  await until(async () => (await page.locator(field('hotline-duration')).inputValue()) !== '00:00', 'the timer running')
  await shoot(page, 'quick-form')
  const created = answerTo(page, 'POST', '/hotline-calls')
  await page.locator(field('hotline-summary')).press('Control+Enter')
  const res = await created
  expect(res.status() === 201, `POST /hotline-calls: ${res.status()}`)
  const call = await res.json()
  callId = call.id
  expect(call.outcome === 'call_back' && call.category === 'domestic_violence' && call.line === '12338', `saved as ${call.outcome} ${call.category} ${call.line}`)
  expect(call.call_back_due?.includes('T09:00:00'), `due ${call.call_back_due}`)
  expect(call.operator_name && call.region_code === '330784001', `operator ${call.operator_name}, town ${call.region_code}`)
  await page.locator('.el-message--success', { hasText: '已记录' }).waitFor()
  // cleared for the next call, the line and the town kept
  await until(async () => (await page.locator(field('hotline-summary')).inputValue()) === '', 'the summary cleared')
  expect((await page.locator(field('hotline-phone')).inputValue()) === '', 'the phone was not cleared')
  expect(await quick.locator(`${tid('hotline-line-12338')}.is-active`).count() === 1, 'the line is not kept')
  expect((await quick.locator(tid('hotline-town')).innerText()).includes('东城街道'), 'the town is not kept')
  expect(await quick.locator(tid('hotline-timer-start')).count() === 1, 'the timer still runs')
})

await step('the call is in the list, masked, with its category and the call back', async () => {
  const row = rowOf(callId)
  await row.waitFor()
  const text = await row.innerText()
  expect(text.includes(MASK) && !text.includes(PHONE), `the row's caller: "${text}"`)
  expect(text.includes('家庭暴力相关') && text.includes('约定回拨') && text.includes('东城街道'), `the row says "${text}"`)
  await row.locator(tid('hotline-called-back')).waitFor()
  await shoot(page, 'list')
})

await step('it is in 待回拨, and 已回拨 takes it out', async () => {
  const listed = answerTo(page, 'GET', '/hotline-calls/call-backs')
  await page.locator(tid('hotline-tab-callbacks')).click()
  await listed
  const panel = page.locator(tid('hotline-callbacks'))
  const due = `${tid('hotline-callback-due')}[data-call-id="${callId}"]`
  const item = panel.locator(due)
  await item.waitFor()
  const line = panel.locator('.el-table__row', { has: page.locator(due) })
  expect((await line.innerText()).includes(MASK), 'the call back does not show the masked phone')
  await shoot(page, 'callbacks')
  const done = answerTo(page, 'POST', `/hotline-calls/${callId}/called-back`)
  await panel.locator(`${tid('hotline-callback-done')}[data-call-id="${callId}"]`).click()
  expect((await done).status() === 200, 'the call back was refused')
  await until(async () => (await item.count()) === 0, 'the call back leaving 待回拨')
  await page.locator(tid('hotline-tab-list')).click()
  await until(async () => (await rowOf(callId).innerText()).includes('已回拨'), 'the list saying 已回拨')
  expect(!(await rowOf(callId).locator(tid('hotline-called-back')).count()), '已回拨 still offered')
  await shoot(page, 'called-back')
})

await step('a second call with 转为求助 lands on its new help request, channel 12338 热线', async () => {
  await page.locator(field('hotline-summary')).fill(SUMMARY2)
  await quick.locator(tid('hotline-category-child_support')).click()
  await quick.locator(tid('hotline-outcome-case_opened')).click()
  const created = answerTo(page, 'POST', '/hotline-calls')
  const made = answerTo(page, 'POST', /^\/api\/v1\/hotline-calls\/\d+\/case$/)
  await page.locator(tid('hotline-save')).click()
  const call = await (await created).json()
  const res = await made
  expect(res.status() === 201, `POST …/case: ${res.status()}`)
  const { case_id: caseId, case_no: caseNo } = await res.json()
  await page.waitForURL(new RegExp(`/cases/${caseId}$`))
  await until(async () => (await page.locator(tid('case-no')).innerText().catch(() => '')).includes(caseNo), `the case page of ${caseNo}`)
  const channel = await page.locator(tid('case-channel')).innerText()
  expect(channel.includes('12338 热线'), `the channel reads "${channel}"`)
  expect((await page.locator(tid('case-from-hotline')).innerText()).includes(`#${call.id}`), 'the case does not name its call')
  await shoot(page, 'case')
  // back in the list, the call links its case
  await page.locator(tid('case-from-hotline')).click()
  await page.waitForURL(/\/hotline\?case_id=\d+$/)
  await page.locator(tid('hotline-link-case')).waitFor()
  const row = rowOf(call.id)
  await row.waitFor()
  // by the case's number, linking to it
  const link = row.locator(tid('hotline-row-case'))
  expect(/^HJ\d{4}-\d{6}$/.test((await link.innerText()).trim()), `the row names the case "${await link.innerText()}"`)
  expect((await link.getAttribute('href'))?.endsWith(`/cases/${caseId}`), 'the row does not link the case')
  expect((await row.innerText()).includes('转为求助'), 'the outcome is not 转为求助')
  expect(!(await row.locator(tid('hotline-make-case')).count()), '转为求助 offered again')
})

const { page: leader } = await open('leader')

await step('the leader has no 热线来电, and /hotline is refused her', async () => {
  await signIn(leader, 'leader')
  const menu = leader.locator('.app-menu')
  await menu.locator(tid('menu-home')).waitFor()
  expect(!(await menu.locator(tid('menu-hotline')).count()), 'the leader\'s menu has 热线来电')
  expect(!(await menu.innerText()).includes('热线来电'), 'the leader\'s menu reads 热线来电')
  await leader.goto(`${BASE}/hotline`)
  await leader.waitForURL(/\/forbidden$/)
  await leader.locator('text=403').first().waitFor()
  const r = await leader.request.get(`${BASE}/api/v1/hotline-calls`)
  expect(r.status() === 403, `GET /hotline-calls as the leader: ${r.status()}`)
  await shoot(leader, 'leader')
})

await step('no console errors and no unexpected error answers', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

await finish(browser, 'hotline e2e: ')
