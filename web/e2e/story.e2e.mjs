// The story that opens the source article, replayed end to end in the browser against a running
// server whose clock starts at 21:30 on a working day (scripts/test.sh: `hejia serve
// --clock-start`): Ms Wang's help request on the portal in the evening, the night clinic's
// on-duty worker's alert, the call with Mr Hu, two sessions, the child-support agreement
// confirmed by both with one-time codes sent by SMS, the 500 yuan arrears paid and recorded the
// same evening, the case closed with her rating, and what she sees when she follows it.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_HEJIA (the hejia binary)  E2E_DB (its --db)
// The one-time codes are read as an operator would, with `hejia sms outbox` (the demo's SMS
// sender only records messages). Ends with "N passed, M failed"; non-zero exit on any failure.
import { execFileSync } from 'node:child_process'
import { BASE, PHONE, expect, field as input, launch, newPage, pickInColumn, shooter, shotsDir, signIn, slug, steps, tid, until, watchPage } from './helpers.mjs'

const HEJIA = process.env.E2E_HEJIA ?? ''
const DB = process.env.E2E_DB ?? ''

const browser = await launch(['--autoplay-policy=no-user-gesture-required'])
// The on-duty worker at her desk; Ms Wang on her phone.
const { page: desk } = await newPage(browser)
const { page: phone } = await newPage(browser, { viewport: PHONE, phone: true })
// Error answers (4xx as well as 5xx), console errors and exceptions on either screen fail the
// story (its last step). The error answers it expects: the sign-in page's probe of the session
// before the desk has signed in, and the case page asking for the agreement before one is drawn
// up (404: there is none yet).
const problems = []
let agreementDrafted = false
const expectedOnDesk = (a) =>
  (a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401) ||
  (!agreementDrafted && a.method === 'GET' && /^\/api\/v1\/cases\/\d+\/agreement$/.test(a.path) && a.status === 404)
watchPage(desk, { problems, label: 'desk ', allowed: expectedOnDesk })
watchPage(phone, { problems, label: 'phone ' })
const shotOf = shooter(shotsDir(), 'story-')
const { step, finish } = steps({
  stopAfterFailure: true,
  onFail: async (name) => {
    await shotOf(desk, `FAIL-desk-${slug(name, 30)}`).catch(() => {})
    await shotOf(phone, `FAIL-phone-${slug(name, 30)}`).catch(() => {})
  },
})

// The desk's own API calls go through its signed-in browser context (cookie + CSRF token).
let csrf = ''
async function api(method, path, data) {
  const res = await desk.request.fetch(`${BASE}/api/v1${path}`, {
    method, data, headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
  })
  const text = await res.text()
  const body = text ? JSON.parse(text) : null
  if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()} ${text.slice(0, 300)}`)
  return body
}

const wangPhone = `139${String(Date.now()).slice(-8)}`
const huPhone = `138${String(Date.now() + 7).slice(-8)}`
let trackingCode = ''
let caseId = 0
let caseNo = ''
let deskUserId = 0

await step('the night clinic: the on-duty worker of 东城街道 has the console open at 21:30', async () => {
  await signIn(desk, 'town', { ready: tid('user-name') })
  const session = await (await desk.request.get(`${BASE}/api/v1/session`)).json()
  csrf = session.csrf_token
  deskUserId = session.user.id
  const now = await api('GET', '/duty-shifts/current?region=330784001')
  expect(now.on_duty && now.on_duty.user_id === session.user.id, `on duty now: ${JSON.stringify(now.on_duty)}`)
  await desk.goto(`${BASE}/cases`)
  await desk.waitForLoadState('networkidle')
  await shotOf(desk, 'console-before')
})

await step('Ms Wang asks for help on the portal in the evening', async () => {
  await phone.goto(`${BASE}/life/`)
  await phone.locator(tid('home-help')).click()
  await phone.locator(tid('help-form')).waitFor()
  // category: child support
  await phone.locator(tid('help-category')).click()
  const catPicker = phone.locator(tid('help-category-picker'))
  await catPicker.waitFor()
  await pickInColumn(catPicker, '抚养')
  await catPicker.locator('.van-picker__confirm').click()
  await catPicker.waitFor({ state: 'hidden' })
  for (const [f, index] of [['help-town', 0], ['help-village', 1]]) {
    await phone.locator(tid(f)).click()
    const picker = phone.locator(tid(`${f}-picker`))
    await picker.waitFor()
    if (index > 0) await pickInColumn(picker, index)
    await picker.locator('.van-picker__confirm').click()
    await picker.waitFor({ state: 'hidden' })
  }
  const town = await phone.locator(input('help-town')).first().inputValue()
  expect(town.includes('东城'), `town chosen: ${town}`)
  await phone.locator(input('help-facts')).first().fill('我是外地人，和前男友胡某的孩子由我抚养，他已经半年没有给抚养费，拖欠 500 元，电话也不接。')
  await phone.locator(input('help-wish')).first().fill('希望他补上拖欠的抚养费，以后按月支付')
  await phone.locator(input('help-name')).first().fill('王女士')
  await phone.locator(input('help-phone')).first().fill(wangPhone)
  // how and when it is safe to call her
  await phone.locator(tid('contact-evening')).check()
  await phone.locator(tid('help-submit')).click()
  await phone.locator(tid('code-value')).waitFor({ timeout: 120000 })
  trackingCode = (await phone.locator(tid('code-value')).innerText()).trim()
  expect(/^[A-Z0-9-]{12,14}$/.test(trackingCode), `tracking code ${trackingCode}`)
  await shotOf(phone, 'portal-tracking-code')
})

await step('within seconds the on-duty worker sees and hears the alert', async () => {
  const alert = desk.locator(tid('case-alert')).first()
  await alert.waitFor({ timeout: 30000 })
  const text = await alert.innerText()
  expect(/抚养/.test(text), `alert text: ${text}`)
  await shotOf(desk, 'alert')
  await desk.locator('.case-alert-link').first().click()
  await desk.locator(tid('case-head')).waitFor()
  caseId = Number(new URL(desk.url()).pathname.split('/').pop())
  expect(caseId > 0, `case page ${desk.url()}`)
  const detail = await api('GET', `/cases/${caseId}`)
  caseNo = detail.case_no
  expect(detail.night_clinic === true, 'not a night-clinic case')
  expect(detail.assignee && detail.assignee.id === deskUserId, `assignee ${JSON.stringify(detail.assignee)}`)
  expect(detail.status === 'registered', `status ${detail.status}`)
  await shotOf(desk, 'case-new')
})

async function act(action, fill) {
  await desk.locator(tid(`action-${action}`)).click()
  const dialog = desk.locator(`${tid('action-dialog')}:visible`).first()
  await dialog.waitFor()
  if (fill) await fill(dialog)
  await dialog.locator(tid('action-submit')).click()
  await dialog.waitFor({ state: 'hidden' })
  await desk.waitForLoadState('networkidle')
}
/** The case as stored once it has reached `expected`; fails the step if it never does. */
async function statusIs(expected) {
  return until(async () => {
    const d = await api('GET', `/cases/${caseId}`)
    return d.status === expected && d
  }, `the case reaching ${expected}`)
}
async function openTab(name) {
  await desk.locator(`#tab-${name}`).click()
  await desk.locator(`#pane-${name}`).waitFor()
}

await step('she accepts the request, screens it for safety and adds Mr Hu as the other party', async () => {
  await act('accept')
  await statusIs('accepted')
  await act('screen', async (d) => {
    await d.locator(tid('risk-low')).click()
  })
  await statusIs('screened')
  await openTab('parties')
  await desk.locator(tid('party-add')).click()
  const dialog = desk.locator('.el-dialog:visible').last()
  await dialog.locator(input('party-name')).first().fill('胡先生')
  await dialog.locator(input('party-phone')).first().fill(huPhone)
  // the other party of the dispute: he has to confirm the agreement too
  await dialog.locator('.el-radio-button').filter({ hasText: '被申请人' }).click()
  await dialog.locator(tid('party-add-save')).click()
  await dialog.waitFor({ state: 'hidden' })
  const d = await api('GET', `/cases/${caseId}`)
  expect(d.parties.some((p) => p.name === '胡先生' && p.role === 'respondent'), 'Mr Hu is not the other party')
  await shotOf(desk, 'parties')
})

await step('she takes the case as mediator and records the call with Mr Hu', async () => {
  await act('assign', async (d) => {
    await d.locator(tid('mediator-picker')).click()
    await desk.locator(`${tid('mediator-option')}:visible`).first().click()
  })
  await statusIs('assigned')
  await act('start')
  await statusIs('mediating')
  await openTab('timeline')
  await desk.locator(tid('kind-contact')).click()
  await desk.locator(input('event-text')).first().fill('21:50 电话联系胡先生，说明拖欠抚养费的法律责任，他同意补缴并协商今后按月支付。')
  await desk.locator(tid('event-submit')).click()
  await desk.locator(tid('timeline-item')).filter({ hasText: '胡先生' }).first().waitFor()
  await desk.locator(tid('kind-message')).click()
  await desk.locator(input('event-text')).first().fill('王女士您好，我们已联系胡先生，他同意协商，稍后会在线调解。')
  // she reads it on the portal: the message is shared with her
  const shared = desk.locator(tid('event-shared'))
  if (!(await shared.locator('input').first().isChecked())) await shared.click()
  await desk.locator(`${tid('event-shared')}.is-checked`).waitFor()
  await desk.locator(tid('event-submit')).click()
  await desk.locator(tid('timeline-item')).filter({ hasText: '在线调解' }).first().waitFor()
  const d = await api('GET', `/cases/${caseId}`)
  expect(d.timers?.first_contact_at, 'first contact not recorded')
  await shotOf(desk, 'timeline')
})

await step('two online sessions are held the same evening', async () => {
  for (const [n, summary] of [[1, '第一轮：双方陈述，胡先生认可拖欠 500 元。'], [2, '第二轮：约定当日补缴 500 元，此后每月 5 日支付抚养费。']]) {
    await openTab('sessions')
    const dialog = await openDialog('session-add', 'session-dialog')
    await dialog.locator(tid('session-online')).click()
    // this evening, after her request came in (times in Beijing, as the picker shows them)
    const created = Date.parse((await api('GET', `/cases/${caseId}`)).created_at)
    const at = (minutes) => {
      const d = new Date(created + minutes * 60000 + 8 * 3600000)
      return d.toISOString().slice(0, 16).replace('T', ' ')
    }
    const [from, to] = n === 1 ? [at(5), at(20)] : [at(25), at(45)]
    for (const [f, v] of [['session-start', from], ['session-end', to]]) {
      const box = dialog.locator(`${tid(f)} input`).first()
      await box.click()
      await box.fill(v)
      await box.press('Enter')
    }
    await dialog.locator('.el-dialog__title').click()
    await dialog.locator(tid('session-save')).click()
    await dialog.waitFor({ state: 'hidden' })
    await desk.waitForLoadState('networkidle')
    const row = desk.locator(tid('session-row')).nth(n - 1)
    await row.locator(tid('session-held')).click()
    const mark = desk.locator('.el-dialog:visible').last()
    await mark.locator(input('session-summary')).first().fill(summary)
    await mark.locator(tid('session-mark-save')).click()
    await mark.waitFor({ state: 'hidden' })
  }
  const d = await api('GET', `/cases/${caseId}`)
  const held = (d.sessions ?? []).filter((s) => s.status === 'held').length
  expect(held === 2, `sessions held: ${held}`)
  await shotOf(desk, 'sessions')
})

function latestCode(phoneNumber) {
  expect(HEJIA && DB, 'E2E_HEJIA and E2E_DB are needed to read the SMS outbox')
  const out = execFileSync(HEJIA, ['sms', 'outbox', '--db', DB], { encoding: 'utf8' })
  // "#N  time  purpose  status" / "to: PHONE" / the text: the code is in the text after the phone
  const lines = out.split('\n')
  let m = null
  lines.forEach((l, i) => {
    if (l.includes(phoneNumber) && i + 1 < lines.length) m = lines[i + 1].match(/(\d{6})/) ?? m
  })
  expect(m, `no code for ${phoneNumber.slice(0, 3)}**** in the outbox`)
  return m[1]
}

/** Clicks `button` and answers the dialog `dialog` it opens, once it shows. */
async function openDialog(button, dialog) {
  await desk.locator(tid(button)).click()
  const d = desk.locator(`${tid(dialog)}:visible`).first()
  await d.waitFor()
  return d
}

async function confirmBox() {
  const box = desk.locator('.el-message-box:visible').first()
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

await step('the child-support agreement is drawn up and confirmed by both with one-time codes', async () => {
  await openTab('agreement')
  const editor = await openDialog('agreement-draft', 'agreement-editor')
  await editor.locator(input('agreement-facts')).first().fill('申请人王女士与被申请人胡先生育有一子，由王女士抚养。胡先生拖欠抚养费 500 元。')
  await editor.locator(input('agreement-disputes')).first().fill('拖欠抚养费的补缴及今后抚养费的支付。')
  const terms = editor.locator(tid('agreement-term'))
  await terms.nth(0).locator('textarea').fill('胡先生于本协议签订当日一次性补缴拖欠的抚养费 500 元。')
  await editor.locator(tid('agreement-add-term')).click()
  await terms.nth(1).locator('textarea').fill('自下月起，胡先生每月 5 日前向王女士支付抚养费。')
  await editor.locator(tid('agreement-save')).click()
  await editor.waitFor({ state: 'hidden' })
  agreementDrafted = true
  await desk.locator(tid('agreement-submit')).click()
  await confirmBox()
  await desk.locator(tid('agreement-status')).filter({ hasText: '待确认' }).waitFor()
  // each party confirms with the code texted to the phone on file
  for (const [name, number] of [['胡先生', huPhone], ['王女士', wangPhone]]) {
    const row = desk.locator(`${tid('agreement-confirmations')} tr.el-table__row`).filter({ hasText: name }).first()
    await row.locator(tid('confirmation-send')).click()
    await row.locator(`${tid('confirmation-enter')}:not([disabled])`).waitFor()
    const code = latestCode(number)
    // the row re-renders every second (the resend countdown): dispatch the click
    await row.locator(tid('confirmation-enter')).dispatchEvent('click')
    const dialog = desk.locator(`${tid('code-dialog')}:visible`).first()
    await dialog.locator(input('code-input')).first().fill(code)
    await dialog.locator(tid('code-submit')).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.locator(tid('confirmation-state')).filter({ hasText: '已确认' }).waitFor()
  }
  await shotOf(desk, 'agreement-confirmed')
  await desk.locator(tid('agreement-sign')).click()
  await confirmBox()
  await statusIs('agreed')
  const agreement = await api('GET', `/cases/${caseId}/agreement`)
  expect(agreement.status === 'effective', `agreement ${agreement.status}`)
  expect(agreement.confirmations.every((c) => c.method === 'otp'), 'not every party confirmed with a code')
  await desk.waitForLoadState('networkidle')
  await shotOf(desk, 'agreement')
})

await step('the 500 yuan arrears are paid and recorded the same evening', async () => {
  await desk.reload()
  await desk.locator(tid('case-head')).waitFor()
  await openTab('performance')
  const ob = await openDialog('obligation-add', 'obligation-dialog')
  await ob.locator(input('obligation-description')).first().fill('补缴拖欠抚养费')
  await ob.locator(input('obligation-amount')).first().fill('500')
  await ob.locator(tid('obligation-save')).click()
  await ob.waitFor({ state: 'hidden' })
  await desk.locator(tid('obligation-arrears')).first().waitFor()
  await shotOf(desk, 'arrears')
  await desk.locator(tid('payment-add')).first().click()
  const pay = desk.locator(`${tid('payment-dialog')}:visible`).first()
  await pay.waitFor()
  expect((await pay.locator(input('payment-amount')).first().inputValue()).startsWith('500'), 'the arrears are not offered as the amount')
  await pay.locator(input('payment-evidence')).first().fill('微信转账截图')
  await pay.locator(tid('payment-save')).click()
  await pay.waitFor({ state: 'hidden' })
  await statusIs('fulfilled')
  const obligations = await api('GET', `/cases/${caseId}/obligations`)
  const items = obligations.items ?? obligations
  expect(items.length === 1 && items[0].standing.arrears_fen === 0 && items[0].standing.fulfilled, `standing ${JSON.stringify(items[0]?.standing)}`)
  await desk.waitForLoadState('networkidle')
  await shotOf(desk, 'paid')
})

await step('the case is closed with her rating', async () => {
  await desk.reload()
  await desk.locator(tid('case-head')).waitFor()
  await act('close', async (d) => {
    await d.locator(input('action-outcome')).first().fill('胡先生当日补缴 500 元，协议履行完毕。')
    await d.locator(`${tid('action-satisfaction')} .el-rate__item`).nth(4).click()
  })
  const d = await statusIs('closed')
  expect(d.satisfaction === 5, `satisfaction ${d.satisfaction}`)
  await shotOf(desk, 'closed')
})

await step('Ms Wang follows her request on the portal and reads the shared message', async () => {
  await phone.goto(`${BASE}/life/`)
  await phone.locator(tid('home-follow')).click()
  await phone.locator(tid('follow-form')).waitFor()
  await phone.locator(input('follow-code')).first().fill(trackingCode)
  await phone.locator(input('follow-last4')).first().fill(wangPhone.slice(-4))
  await phone.locator(tid('follow-submit')).click()
  await phone.locator(tid('follow-result')).waitFor()
  const status = (await phone.locator(tid('follow-status')).innerText()).trim()
  expect(status.includes('已办结'), `status shown: ${status}`)
  const timeline = (await phone.locator(tid('follow-message')).allInnerTexts()).join('\n')
  expect(timeline.includes('在线调解'), 'the shared message is not shown')
  expect(!timeline.includes('胡先生，说明'), 'an internal contact note leaked to the portal')
  await shotOf(phone, 'portal-closed')
})

await step('no server errors and no console errors on either screen', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

console.log()
await finish(browser, `story (case ${caseNo || '?'}): `)
