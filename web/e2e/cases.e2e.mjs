// End-to-end test of the case screens against a running HeJia server with demo data:
// town staff takes in a hotline request, accepts it, screens it, assigns a mediator, starts the
// mediation and records a contact; then hands the case to herself and gets the live alert.
//   E2E_BASE_URL (default http://127.0.0.1:8080)  E2E_PASSWORD (default Hejia-Demo-2026)
//   E2E_SCREENSHOT_DIR (default web/test-results/cases)
// Ends with "N passed, M failed" and a non-zero exit code on any failure.
import { BASE, PHONE, chooseOption, expect, field, launch, newPage, shooter, shotsDir, signIn as signInAs, slug, steps, tid, watchPage } from './helpers.mjs'

const browser = await launch(['--autoplay-policy=no-user-gesture-required'])
const shot = shooter(shotsDir('cases'))
const { step, finish } = steps({ onFail: (name) => shot(page, `FAIL-${slug(name)}`) })

// Every answer >= 400 and every console error fails the run, except the sign-in page's probe.
const problems = []
const SESSION_PROBE = (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401
const watch = (p) => watchPage(p, { problems, allowed: SESSION_PROBE })

async function signIn(p, login, options) {
  await signInAs(p, login, options)
  await p.waitForURL((u) => !u.pathname.startsWith('/login'))
}

const { page } = await newPage(browser)
watch(page)

const stamp = String(Date.now()).slice(-8)
const applicantPhone = `138${stamp}`
const respondentPhone = `137${stamp}`
const facts = `前夫胡某拖欠孩子抚养费三个月，共计 1500 元（测试 ${stamp}）`
let caseUrl = ''
let caseNo = ''

async function act(action, fill) {
  await page.locator(tid(`action-${action}`)).click()
  const dialog = page.locator(`${tid('action-dialog')}:visible`)
  await dialog.waitFor()
  if (fill) await fill(dialog)
  await dialog.locator(tid('action-submit')).click()
  await dialog.waitFor({ state: 'hidden' })
}
const status = () => page.locator(`${tid('case-head')} ${tid('case-status')}`).innerText()

await step('town staff sees the case menu and an empty-safe list', async () => {
  await signIn(page, 'town')
  expect(await page.locator(tid('menu-cases')).count() === 1, 'no cases menu')
  expect(await page.locator(tid('menu-case-intake')).count() === 1, 'no intake menu')
  await page.locator(tid('menu-cases')).click()
  await page.waitForURL(/\/cases$/)
  await page.locator(tid('cases-table')).waitFor()
  await shot(page, 'case-list')
})

await step('a filter saved on the server comes back after a reset', async () => {
  const name = `超时${stamp}`
  await page.locator('.quick-row .el-button', { hasText: '已超时' }).click()
  await page.waitForURL(/overdue=1/)
  await page.locator(`${tid('saved-filters')} .el-button`).click()
  await page.locator(`${tid('save-filter')}:visible`).click()
  await page.locator('.el-message-box input').fill(name)
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('.el-message', { hasText: '已保存' }).waitFor()
  await page.locator('.search-form .el-button', { hasText: '重置' }).click()
  await page.waitForURL((u) => !u.search.includes('overdue'))
  await page.locator(`${tid('saved-filters')} .el-button`).click()
  await page.locator(`${tid(`saved-${name}`)}:visible`).click()
  await page.waitForURL(/overdue=1/)
  await page.locator(`${tid('saved-filters')} .el-button`).click()
  await page.locator(`${tid(`saved-${name}`)}:visible .saved-del`).click()
  await page.locator(`${tid(`saved-${name}`)}`).waitFor({ state: 'detached' })
})

await step('take in a hotline request for child support', async () => {
  await page.locator(tid('menu-case-intake')).click()
  await page.waitForURL(/\/case-intake$/)
  await page.locator(tid('channel-hotline')).click()
  await page.locator(tid('intake-category')).click()
  await page.locator(`.el-select-dropdown__item${tid('category-child_support')}:visible`).click()
  await page.locator(`${tid('intake-home')} .el-cascader`).click()
  const menus = page.locator('.region-cascader-popper:visible .el-cascader-menu')
  await menus.nth(0).locator('.el-cascader-node', { hasText: '东城街道' }).first().click()
  await menus.nth(1).locator('.el-cascader-node').first().waitFor()
  await menus.nth(1).locator('.el-cascader-node .el-radio').first().click()
  await page.keyboard.press('Escape')
  await page.locator(field('intake-facts')).fill(facts)
  await page.locator(field('intake-wish')).fill('希望对方按月支付抚养费并补齐欠款')
  await page.locator(field('intake-safe-contact')).fill('工作日 12:00–13:00 可来电')
  // she asked for text messages only: the call buttons will warn
  await page.locator(tid('wish-sms-only')).click()
  const p0 = page.locator(tid('party-0'))
  await p0.locator(field('party-name')).fill('王测试')
  await p0.locator(field('party-phone')).fill(applicantPhone)
  const p1 = page.locator(tid('party-1'))
  await p1.locator(field('party-name')).fill('胡测试')
  await p1.locator(field('party-phone')).fill(respondentPhone)
  await shot(page, 'intake-form')
  await page.locator(tid('intake-submit')).click()
  await page.locator(tid('intake-done')).waitFor()
  const code = (await page.locator(tid('tracking-code')).innerText()).trim()
  expect(code.length >= 6, `tracking code "${code}"`)
  await shot(page, 'intake-done')
  await page.locator(tid('open-created')).click()
  await page.waitForURL(/\/cases\/\d+/)
  caseUrl = page.url()
  caseNo = (await page.locator(tid('case-no')).innerText()).trim()
  expect(/^HJ\d{4}-\d+$/.test(caseNo), `case number "${caseNo}"`)
  expect((await page.locator(tid('case-facts')).innerText()).includes('抚养费'), 'facts not shown')
})

await step('accept, screen (low risk), assign a mediator, start', async () => {
  // a night-clinic intake may already be assigned and accepted; walk from where it stands
  if ((await status()) === '已登记') {
    const nobody = (await page.locator(tid('case-assignee')).innerText()).trim() === '—'
    await act('accept')
    await page.locator(tid('case-head')).locator(tid('case-status'), { hasText: '已受理' }).waitFor()
    // accepting a case nobody handled makes me its handler
    const me = (await page.locator(tid('user-name')).innerText()).trim()
    if (nobody) await page.locator(tid('case-assignee'), { hasText: me }).waitFor()
  }
  await act('screen', async (d) => { await d.locator(tid('risk-low')).click() })
  await page.locator(tid('case-head')).locator(tid('case-status'), { hasText: '已评估' }).waitFor()
  await page.locator(tid('action-assign')).click()
  const dialog = page.locator(`${tid('action-dialog')}:visible`)
  await dialog.locator(tid('mediator-option')).first().waitFor()
  await shot(page, 'assign-mediator')
  await dialog.locator(tid('mediator-option')).first().click()
  await dialog.locator(tid('action-submit')).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(tid('case-head')).locator(tid('case-status'), { hasText: '已分派' }).waitFor()
  expect((await page.locator(tid('case-mediator')).innerText()).trim() !== '—', 'no mediator shown')
  await act('start')
  await page.locator(tid('case-head')).locator(tid('case-status'), { hasText: '调解中' }).waitFor()
  await page.locator(tid('case-dues')).waitFor()
  await shot(page, 'case-mediating')
})

await step('a reject without a reason is stopped at the field', async () => {
  await page.locator(tid('action-withdraw')).click()
  const dialog = page.locator(`${tid('action-dialog')}:visible`)
  await dialog.locator(tid('action-submit')).click()
  await dialog.locator('.el-form-item__error', { hasText: '原因' }).waitFor()
  await dialog.locator('.el-dialog__footer .el-button').first().click()
  await dialog.waitFor({ state: 'hidden' })
})

await step('record a phone contact on the timeline', async () => {
  await page.locator('#tab-timeline').click()
  await page.locator(tid('kind-contact')).click()
  // the contact form says how the applicant wants to be reached, and that a call goes against it
  const timeline = page.locator(tid('timeline-panel'))
  await timeline.locator(tid('contact-wishes'), { hasText: '只发短信' }).waitFor()
  await timeline.locator(tid('contact-call-warning'), { hasText: '只发短信' }).waitFor()
  const text = `已电话联系胡某，说明抚养义务（${stamp}）`
  await page.locator(field('event-text')).fill(text)
  await page.locator(tid('event-submit')).click()
  await page.locator(tid('timeline-text'), { hasText: text }).waitFor()
  await shot(page, 'timeline')
})

await step('the parties are masked until "show full", which warns that it is recorded', async () => {
  await page.locator('#tab-parties').click()
  const cells = await page.locator(`${tid('parties-table')} ${tid('party-phone-cell')}`).allInnerTexts()
  expect(cells.length >= 2 && cells.every((c) => c.includes('*')), `phones not masked: ${cells.join(', ')}`)
  await page.locator(tid('party-reveal')).first().click()
  await page.locator('.el-message-box', { hasText: '记录' }).waitFor()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator(`${tid('party-phone-cell')}`, { hasText: applicantPhone }).waitFor()
  // beside her revealed phone: her wishes, and call and text buttons
  const revealed = page.locator(tid('party-phone-revealed')).first()
  const wishes = (await revealed.locator(tid('contact-wishes')).innerText()).replace(/\s+/g, ' ')
  expect(wishes.includes('只发短信') && wishes.includes('12:00–13:00'), `the wishes beside the phone read "${wishes}"`)
  expect(await revealed.locator(tid('phone-sms')).count() === 1, 'no text-message button beside the phone')
  await shot(page, 'parties-revealed')
})

await step('calling an applicant who asked for text messages only asks first, saying why', async () => {
  await page.locator(tid('party-phone-revealed')).first().locator(tid('phone-call')).click()
  const box = page.locator('.el-message-box.call-warning')
  await box.waitFor()
  expect((await box.innerText()).includes('只发短信'), 'the warning does not say she asked for text messages only')
  await shot(page, 'call-warning')
  await box.locator('.el-message-box__btns .el-button').first().click() // 取消: no call
  await box.waitFor({ state: 'hidden' })
  expect(page.url().startsWith(caseUrl), `the page left for ${page.url()}`)
})

await step('handing the case to myself raises the live alert and the menu badge', async () => {
  const name = (await page.locator(tid('user-name')).innerText()).trim()
  await page.locator(tid('change-assignee')).click()
  const dialog = page.locator(`${tid('assignee-dialog')}:visible`)
  await chooseOption(page, dialog, tid('assignee-select'), name)
  await dialog.locator(tid('assignee-save')).click()
  await dialog.waitFor({ state: 'hidden' })
  expect((await page.locator(tid('case-assignee')).innerText()).trim() === name, 'assignee not shown')
  const alert = page.locator(tid('case-alert'), { hasText: caseNo })
  await alert.waitFor()
  expect((await alert.innerText()).includes('抚养与探望'), 'the alert does not name the category')
  await page.locator(tid('menu-badge-cases')).waitFor()
  await shot(page, 'live-alert')
  await alert.locator('a').click()
  await alert.waitFor({ state: 'hidden' })
  await page.locator(tid('menu-badge-cases')).waitFor({ state: 'detached' })
})

await step('a case nobody handles is claimed with one click (认领)', async () => {
  // the city's staff: one open case of the city that nobody handles, found through the list's API
  const { context: desk, page: p } = await newPage(browser)
  watch(p)
  try {
    await signIn(p, 'city')
    const found = await p.evaluate(async () => {
      for (const status of ['registered', 'accepted', 'screened', 'assigned', 'mediating', 'agreed']) {
        const res = await fetch(`/api/v1/cases?status=${status}&page_size=100`)
        const c = (await res.json()).items.find((i) => !i.assignee && i.sight !== 'follow')
        if (c) return c.case_no
      }
      return null
    })
    expect(found, 'the demo city has no open case without a handler')
    await p.goto(`${BASE}/cases?q=${encodeURIComponent(found)}`)
    const row = p.locator('.el-table__row', { hasText: found })
    const button = row.locator(`${tid('claim-row')}:visible`)
    await button.click()
    await p.locator('.el-message--success').filter({ hasText: '已认领' }).waitFor()
    const me = (await p.locator(tid('user-name')).innerText()).trim()
    await row.filter({ hasText: me }).first().waitFor()
    expect(await button.count() === 0, 'still offered for claiming')
    await shot(p, 'claimed')
  } finally {
    await desk.close()
  }
})

await step('the case page and the list fit a phone screen', async () => {
  const { context: phone, page: p } = await newPage(browser, { viewport: PHONE, phone: true })
  watch(p)
  await signIn(p, 'town')
  await p.goto(caseUrl)
  await p.locator(tid('case-no')).waitFor()
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow <= 1, `the case page is ${overflow}px wider than the screen`)
  await shot(p, 'phone-case')
  await p.goto(`${BASE}/cases`)
  await p.locator(tid('case-row')).first().waitFor()
  await shot(p, 'phone-list')
  await phone.close()
})

await step('a grid sister reports from her phone and follows her report in her case list', async () => {
  const { context: phone, page: p } = await newPage(browser, { viewport: PHONE, phone: true })
  watch(p)
  try {
    await signIn(p, 'gridsister', { ready: tid('phone-home') }) // on a phone she lands on /m
    await p.goto(`${BASE}/case-intake`)
    await p.locator(tid('channel-grid_report')).waitFor()
    await p.locator(tid('intake-category')).click()
    await p.locator(`.el-select-dropdown__item${tid('category-child_support')}:visible`).click()
    await p.locator(`${tid('intake-home')} .el-cascader`).click()
    // her own grid is the only choice
    await p.locator('.region-cascader-popper:visible .el-cascader-menu').nth(0).locator('.el-cascader-node .el-radio').first().click()
    await p.keyboard.press('Escape')
    await p.locator(field('intake-facts')).fill(`走访发现邻居家中争吵，孩子抚养费无着落（格姐上报 ${stamp}）`)
    await p.locator(tid('party-0')).locator(field('party-name')).fill('李测试')
    await p.locator(tid('party-0')).locator(field('party-phone')).fill(`136${stamp}`)
    await p.locator(tid('party-1')).locator(field('party-name')).fill('赵测试')
    await p.locator(tid('intake-submit')).click()
    await p.locator(tid('intake-done')).waitFor()
    await p.locator(tid('open-created')).click()
    await p.waitForURL(/\/cases\/\d+/)
    const reportNo = (await p.locator(tid('case-no')).innerText()).trim()
    // handled by her village, yet hers to follow: read-only
    expect((await p.locator(tid('case-actions')).count()) === 0, 'a grid sister sees case actions')
    await shot(p, 'gridsister-case')
    await p.goto(`${BASE}/cases`)
    await p.locator(tid('case-row'), { hasText: reportNo }).first().waitFor()
    await shot(p, 'gridsister-list')
  } catch (e) {
    await shot(p, 'FAIL-gridsister').catch(() => {})
    throw e
  } finally {
    await phone.close()
  }
})

await step('a red message goes as soon as its field is fixed, without sending again', async () => {
  // the report form sent empty: the missing fields are red; each goes once it is filled in
  await page.goto(`${BASE}/case-intake`)
  await page.locator(tid('intake-submit')).click()
  const itemOf = (scope, id) => scope.locator('.el-form-item', { has: page.locator(tid(id)) }).locator('.el-form-item__error')
  const facts = itemOf(page, 'intake-facts')
  const category = itemOf(page, 'intake-category')
  const partyName = itemOf(page.locator(tid('party-0')), 'party-name')
  await facts.waitFor()
  await category.waitFor()
  await partyName.waitFor()
  await shot(page, 'intake-red')
  await page.locator(field('intake-facts')).fill(`测试：改正后红字即消失 ${stamp}`)
  await facts.waitFor({ state: 'detached' })
  await page.locator(tid('intake-category')).click()
  await page.locator(`.el-select-dropdown__item${tid('category-child_support')}:visible`).click()
  await category.waitFor({ state: 'detached' })
  await page.locator(tid('party-0')).locator(field('party-name')).fill('王测试')
  await partyName.waitFor({ state: 'detached' })
  // emptied again it is not red while typed: the message comes back on the next submit
  await page.locator(field('intake-facts')).fill('')
  await page.waitForTimeout(400)
  expect(await facts.count() === 0, 'red while typing in a field that was fine')
  await shot(page, 'intake-fixed')
  // a dialog: the reason of a withdrawal
  await page.goto(caseUrl)
  await page.locator(tid('action-withdraw')).click()
  const dialog = page.locator(`${tid('action-dialog')}:visible`)
  await dialog.locator(tid('action-submit')).click()
  const reason = dialog.locator('.el-form-item__error', { hasText: '原因' })
  await reason.waitFor()
  await dialog.locator(field('action-reason')).fill('测试')
  await reason.waitFor({ state: 'detached' })
  await dialog.locator('.el-dialog__footer .el-button').first().click()
  await dialog.waitFor({ state: 'hidden' })
})

await step('a picker with a single choice opens with it chosen', async () => {
  // the roster dialog offered one person (the server's list cut to its first): she is chosen
  let only = null
  const cut = async (route) => {
    const res = await route.fetch()
    const list = await res.json()
    only = list[0] ?? null
    await route.fulfill({ response: res, json: list.slice(0, 1) })
  }
  await page.route('**/api/v1/duty-shifts/candidates*', cut)
  try {
    await page.goto(`${BASE}/duty`)
    await page.locator('.duty-cell.night .el-button', { hasText: '排班' }).first().click()
    const dialog = page.locator(`${tid('duty-dialog')}:visible`)
    const chosen = dialog.locator(`${tid('duty-person')} .el-select__placeholder:not(.is-transparent)`)
    await chosen.waitFor()
    expect(only, 'no candidate for the roster')
    expect((await chosen.innerText()).includes(only.display_name), `chosen "${await chosen.innerText()}", offered ${only.display_name}`)
    await shot(page, 'duty-single-candidate')
    await dialog.locator('.el-dialog__footer .el-button').first().click()
    await dialog.waitFor({ state: 'hidden' })
  } finally {
    await page.unroute('**/api/v1/duty-shifts/candidates*', cut)
  }
  // with several people offered nothing is chosen for the user
  await page.locator('.duty-cell.night .el-button', { hasText: '排班' }).first().click()
  const dialog = page.locator(`${tid('duty-dialog')}:visible`)
  await dialog.locator(`${tid('duty-person')} .el-select__placeholder.is-transparent`).waitFor()
  await dialog.locator('.el-dialog__footer .el-button').first().click()
  await dialog.waitFor({ state: 'hidden' })
  // a grid sister's report: her own grid, the only region she may choose, is chosen already
  const { context: desk, page: p } = await newPage(browser)
  watch(p)
  try {
    await signIn(p, 'gridsister')
    await p.goto(`${BASE}/case-intake`)
    const home = p.locator(`${tid('intake-home')} input`)
    await p.waitForFunction((sel) => !!document.querySelector(sel)?.value, `${tid('intake-home')} input`)
    await shot(p, 'gridsister-home-chosen')
    expect((await home.inputValue()).includes('网格'), `home region "${await home.inputValue()}"`)
  } finally {
    await desk.close()
  }
})

await step('no unexpected error answer or console error', async () => {
  expect(problems.length === 0, problems.slice(0, 8).join('\n       '))
})

console.log()
await finish(browser)
