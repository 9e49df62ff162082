// End-to-end test of the partners page (对接单位) for the provincial online dispute-resolution
// platform (省在线矛盾纠纷多元化解平台): the system administrator adds the platform as a partner —
// the kind picked in the dialog, police until then — sees its signing key once and its kind as a
// tag, and opens the 解纷平台状态回调 tab (its note on the order per case, its list by status, empty
// or not); the police tab is still there; the page shows no error.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, chooseOption, expect, field, launch, newPage, shooter, shotsDir, signIn, slug, steps, tid, until, watchPage } from './helpers.mjs'

const browser = await launch()
const shoot = shooter(shotsDir(), 'partners-')
const { page } = await newPage(browser)
const { step, finish } = steps({ stopAfterFailure: true, onFail: (name) => shoot(page, `FAIL-${slug(name)}`) })
// the sign-in page asks whether a session is open first: not yet
const { problems } = watchPage(page, { allowed: (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401 })

const stamp = String(Date.now()).slice(-7)
const code = `odr-${stamp}`
const EVENTS = ['已受理', '不予受理', '调解成功', '调解终止', '已结案']
let key = ''

/** The list of the tab shown, once its answer is in and the table has drawn it. */
async function listed(click) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/partners/odr-callbacks' && r.request().method() === 'GET'),
    click(),
  ])
  expect(res.ok(), `GET /partners/odr-callbacks -> ${res.status()}`)
  const items = (await res.json()).items
  const table = page.locator(tid('odr-callbacks-table'))
  await table.locator('.el-loading-mask').waitFor({ state: 'detached' })
  const rows = table.locator('.el-table__body tr')
  await until(async () => (items.length ? (await rows.count()) === items.length && (await rows.first().innerText()).includes(items[0].code)
    : (await table.innerText()).includes('暂无状态回调记录')), `the table showing the ${items.length} callbacks answered`)
  return { table, rows, items }
}

await step('the system administrator adds the dispute-resolution platform: police until she picks it', async () => {
  await signIn(page, 'admin')
  await page.goto(`${BASE}/partners`)
  await page.locator(tid('partners-table')).waitFor()
  await page.locator(tid('partner-add')).click()
  const dialog = page.locator(tid('partner-dialog'))
  await dialog.locator(field('partner-code')).waitFor()
  const kind = dialog.locator(tid('partner-kind'))
  expect((await kind.innerText()).includes('公安 110 指挥中心'), `the kind is "${await kind.innerText()}" before one is picked`)
  await dialog.locator(field('partner-code')).fill(code)
  await dialog.locator(field('partner-name')).fill(`浙江省在线矛盾纠纷多元化解平台（测试 ${stamp}）`)
  await chooseOption(page, dialog, tid('partner-kind'), '省在线矛盾纠纷多元化解平台')
  expect((await kind.innerText()).includes('省在线矛盾纠纷多元化解平台'), `the kind is "${await kind.innerText()}"`)
  await shoot(page, 'add-odr')
  await dialog.locator(tid('partner-submit')).click()
})

await step('its key is shown once, then gone; the table tags its kind', async () => {
  const keyDialog = page.locator(tid('partner-key-dialog'))
  await keyDialog.waitFor()
  key = (await keyDialog.locator(tid('partner-key')).innerText()).trim()
  expect(key.length >= 20, `the key shown is "${key}"`)
  expect((await keyDialog.innerText()).includes('只显示这一次'), 'no warning that the key is shown once')
  await keyDialog.locator(tid('partner-key-close')).click()
  await keyDialog.waitFor({ state: 'hidden' })
  const tag = page.locator(tid(`partner-kind-${code}`))
  await tag.waitFor()
  expect((await tag.innerText()).trim() === '解纷平台', `the kind tag says "${await tag.innerText()}"`)
  expect(!(await page.locator('body').innerText()).includes(key), 'the key is still on the page')
  const partners = await (await page.request.get(`${BASE}/api/v1/partners`)).json()
  const added = partners.items.find((p) => p.code === code)
  expect(added?.kind === 'odr_platform', `the server has ${JSON.stringify(added)}`)
  await shoot(page, 'partners')
})

await step('the 解纷平台状态回调 tab lists the status callbacks (empty or not), failed ones first shown', async () => {
  await page.locator(tid('partner-callbacks-table')).waitFor() // the police tab, shown first
  const { table, items } = await listed(() => page.locator(tid('partner-callbacks-tab-odr')).click())
  expect((await page.locator(tid('odr-callbacks-note')).innerText()).includes('按顺序'), 'no note on the order per case')
  expect(items.every((c) => c.status === 'failed'), `the failed list has ${JSON.stringify(items.map((c) => c.status))}`)
  expect((await table.locator(tid('odr-callback-retry')).count()) === items.length, 'not one 重新发送 a failed callback')
  await shoot(page, 'odr-failed')
})

await step('all of them, by status: each with its 解纷码, case and event named', async () => {
  const { table, rows, items } = await listed(() => page.locator(tid('odr-callbacks-status')).getByText('全部').click())
  if (items.length) {
    const first = rows.first()
    expect((await first.locator(tid('odr-callback-code')).innerText()).trim() === items[0].code, 'the first row is not the newest callback')
    expect((await first.locator(tid('odr-callback-case')).innerText()).trim() === items[0].case_no, 'the first row\'s case number')
    for (const e of await table.locator(tid('odr-callback-event')).allInnerTexts()) expect(EVENTS.includes(e.trim()), `an event shown as "${e}"`)
  }
  await shoot(page, 'odr-all')
})

await step('the police tab is still there', async () => {
  await page.locator(tid('partner-callbacks-tab-police')).click()
  await page.locator(tid('partner-callbacks-table')).waitFor()
  await page.locator(tid('odr-callbacks-table')).waitFor({ state: 'hidden' })
})

await step('no console errors and no unexpected error answers', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

await finish(browser, 'partners e2e: ')
