// End-to-end test of the grid sister's phone (issue 12, point 5): on a 390 px phone she signs in
// and lands on her own home (/m, four tabs), loses the signal, records a must-visit with a problem
// found and 立案 — kept in the outbox (sealed on the phone), the offline banner and the count
// shown — and when the signal comes back the outbox uploads by itself and empties; the case the
// visit opened is in the list of the unit that handles it (GET /cases: the village's, or at the
// night clinic's hour its town's) as a grid report, once. At her desk, that unit's worker finds the
// visit in 走访记录 (linked by its case: a tag that says so), opens it, and reads what the grid
// sister wrote in full on request (the excerpt until then; the read is audited).
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, DESKTOP, PHONE, expect, launch, newPage, shooter, shotsDir, signIn, signedInApi, slug, steps, tid, until, watchPage } from './helpers.mjs'

const browser = await launch()
const shoot = shooter(shotsDir(), 'visits-')
const { context, page } = await newPage(browser, { viewport: PHONE, phone: true, scale: 1 })
const { step, finish } = steps({ stopAfterFailure: true, onFail: async (name) => shoot(page, `FAIL-${slug(name, 30)}`).catch(() => {}) })
// the sign-in page asks for a session before there is one; a server older than the batch upload
// and 我的服务 answers those two routes 405 / 404 (the phone then uploads one visit at a time)
const olderServer = [['GET', '/api/v1/session', 401], ['POST', '/api/v1/visits/batch', 405], ['POST', '/api/v1/visits/batch', 404], ['GET', '/api/v1/me/service', 404]]
const allowed = (a) => olderServer.some(([method, path, status]) => a.method === method && a.path === path && a.status === status)
const { problems } = watchPage(page, { label: 'phone: ', allowed })
const settle = () => page.waitForLoadState('networkidle').catch(() => {})
// the uploads: one POST /visits/batch, or (an older server) one POST /visits a visit
const uploads = []
page.on('response', (res) => {
  const path = new URL(res.url()).pathname
  if (res.request().method() === 'POST' && (path === '/api/v1/visits' || path === '/api/v1/visits/batch')) uploads.push(`${path} ${res.status()}`)
})

const problemText = `走访发现：酒后推搡 ${Date.now()}`
// longer than the excerpt a list shows (20 characters): the rest only in full, on request
const findingsText = '夫妻因彩礼问题争吵，丈夫酒后摔了东西，妻子带孩子回娘家暂住，双方同意下周再谈'
let householdName = ''
/** the visit uploaded, and the login of the unit that handles its case */
let synced = null

await step('a grid sister signing in on a phone lands on her phone home, not the console', async () => {
  await signIn(page, 'gridsister', { ready: tid('phone-home') })
  expect(new URL(page.url()).pathname === '/m', `landed on ${page.url()}`)
  expect(await page.locator(tid('phone-tabs')).isVisible(), 'no tab bar')
  expect(!(await page.locator(tid('menu-toggle')).count()), 'the console header is shown')
  await page.locator(tid('due-item')).first().waitFor()
  householdName = (await page.locator(`${tid('due-item')} .name`).first().textContent())?.trim() ?? ''
  // open every tab once while online (their code is then in the page)
  for (const tab of ['tab-visit', 'tab-me', 'tab-report', 'tab-due']) {
    await page.locator(tid(tab)).click()
    await settle()
  }
  await shoot(page, 'due')
})

await step('with no signal, a visit with a problem found and 立案 goes to the outbox', async () => {
  await context.setOffline(true)
  await page.evaluate(() => window.dispatchEvent(new Event('offline')))
  await page.locator(tid('offline-banner')).waitFor()
  await page.locator(tid('due-record-visit')).first().click()
  await page.locator(tid('visit-submit')).waitFor()
  const label = await page.locator(`${tid('visit-household')} input`).inputValue()
  expect(label.includes(householdName), `household ${label} is not ${householdName}`)
  // a must-visit needs a situation: the due list's are taken; make sure of one
  const hardship = page.locator(`${tid('situation-hardship')}`)
  if ((await hardship.getAttribute('aria-checked')) !== 'true') await hardship.click()
  await page.locator(tid('visit-people')).locator('input').fill('户主及其配偶')
  await page.locator(tid('visit-findings')).locator('textarea').fill(findingsText)
  await page.locator(tid('visit-problem-found')).click()
  // a problem found without an action is refused on the phone
  await page.locator(tid('visit-problem')).locator('textarea').fill(problemText)
  await page.locator(tid('visit-submit')).click()
  await page.locator('.van-field__error-message').first().waitFor()
  await page.locator(tid('action-case_opened')).click()
  await page.selectOption(tid('visit-category'), 'domestic_violence')
  await page.locator(tid('visit-submit')).click()
  await page.locator(tid('outbox-count')).waitFor()
  const count = (await page.locator(tid('outbox-count')).textContent()) ?? ''
  expect(/1/.test(count), `outbox shows "${count}"`)
  expect(await page.locator(tid('outbox-item')).count() === 1, 'one item in the outbox')
  await shoot(page, 'outbox-offline')
})

await step('back online, the outbox uploads by itself and empties', async () => {
  await context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await until(async () => (await page.locator(tid('outbox-bar')).count()) === 0, 'the outbox to empty')
  expect(!(await page.locator(tid('offline-banner')).count()), 'the offline banner stays')
  const made = uploads.filter((u) => u === '/api/v1/visits/batch 200' || u === '/api/v1/visits 201')
  expect(made.length === 1, `uploads: ${uploads.join(', ')}`)
  await shoot(page, 'synced')
})

await step('the visit is recorded once, and its case is in the list of the unit that handles it, as a grid report', async () => {
  // the API as each of them (a context of its own: cookie and CSRF token)
  const sister = await signedInApi(browser, 'gridsister')
  const village = await signedInApi(browser, 'village')
  const town = await signedInApi(browser, 'town')
  try {
    const mine = await sister.get(`/visits?recorded_by=${sister.session.user.id}&sort=-created_at&page_size=5`)
    expect(mine.status === 200, `visits list: ${mine.status}`)
    const made = mine.body.items.filter((v) => v.case_id)
    expect(made.length >= 1, 'no visit of hers opened a case')
    const visit = made[0]
    const again = mine.body.items.filter((v) => v.case_id === visit.case_id)
    expect(again.length === 1, `${again.length} visits for case ${visit.case_id}: the upload made more than one`)
    // the village's list (the village handles what its grids report); the server's clock stands at
    // the night clinic's hour (scripts/night-clock.sh), when a new request goes to the town's
    // on-duty instead: then it is in the town's list, the village's town
    const inVillage = await village.get('/cases?sort=-created_at&page_size=50')
    expect(inVillage.status === 200, `village cases: ${inVillage.status}`)
    let found = inVillage.body.items.find((c) => c.id === visit.case_id)
    let handler = village
    if (!found) {
      handler = town
      const inTown = await town.get('/cases?sort=-created_at&page_size=50')
      expect(inTown.status === 200, `town cases: ${inTown.status}`)
      found = inTown.body.items.find((c) => c.id === visit.case_id)
      expect(found, `case ${visit.case_id} is neither in the village's list nor in its town's`)
      expect(found.night_clinic, `case ${visit.case_id} went to the town although not taken by the night clinic`)
    }
    expect(found.channel === 'grid_report', `channel ${found.channel}`)
    const detail = (await handler.get(`/cases/${visit.case_id}`)).body
    expect(detail.home_code === sister.session.user.region_code, `home ${detail.home_code}, not her grid ${sister.session.user.region_code}`)
    expect(detail.facts === problemText, `facts "${detail.facts}", not the problem she wrote`)
    synced = { id: visit.id, case_id: visit.case_id, login: handler === village ? 'village' : 'town' }
  } finally {
    await sister.close()
    await village.close()
    await town.close()
  }
})

const { page: desk } = await newPage(browser, { viewport: DESKTOP })
watchPage(desk, { problems, label: 'desk: ', allowed })
const visitsAnswer = (query) => desk.waitForResponse((r) => {
  const url = new URL(r.url())
  return r.request().method() === 'GET' && url.pathname === '/api/v1/visits' && Object.entries(query).every(([k, v]) => url.searchParams.get(k) === v)
})

await step('at her desk, the unit\'s worker finds the visit in 走访记录 and reads its findings in full', async () => {
  expect(synced, 'no visit was uploaded')
  await signIn(desk, synced.login)
  const listed = visitsAnswer({ sort: '-visited_at' })
  await desk.goto(`${BASE}/visits`)
  expect((await listed).status() === 200, 'the list was refused')
  await desk.locator(tid('visits-table')).waitFor()
  // the visits of its case: the link other pages make, shown as a tag
  const linked = visitsAnswer({ case_id: String(synced.case_id) })
  await desk.goto(`${BASE}/visits?case_id=${synced.case_id}`)
  expect((await linked).status() === 200, 'the linked list was refused')
  await desk.locator(tid('visits-link-case_id')).waitFor()
  const row = desk.locator(`${tid('visit-open')}[data-visit-id="${synced.id}"]`)
  await row.waitFor()
  const line = desk.locator('.el-table__row', { has: row })
  const text = await line.innerText()
  expect(text.includes('五必访') && text.includes('发现问题') && text.includes('已立案'), `the row says "${text}"`)
  await shoot(desk, 'desk-list')
  await row.click()
  const drawer = desk.locator(tid('visit-drawer'))
  const findings = drawer.locator(tid('visit-findings'))
  await findings.waitFor()
  expect(!(await findings.innerText()).includes(findingsText), 'the findings are shown in full before asking')
  expect((await drawer.locator(tid('visit-detail-people-met')).innerText()).includes('户主及其配偶'), 'whom they met is not shown')
  // who went, by name (the record's read carries the accounts' names)
  await until(async () => (await drawer.locator(tid('visit-detail-visitors')).innerText().catch(() => '')).includes('演示格姐'), 'the grid sister is not named as the one who went')
  const revealed = desk.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/visits/${synced.id}/sensitive`)
  await drawer.locator(tid('visit-reveal')).click()
  expect((await revealed).status() === 200, 'the reveal was refused')
  await until(async () => (await findings.innerText()).includes(findingsText), 'the findings in full')
  expect((await drawer.locator(tid('visit-problem')).innerText()).includes(problemText), 'the problem is not shown in full')
  await drawer.locator(tid('visit-reveal-audited')).waitFor()
  await shoot(desk, 'desk-drawer')
})

await step('no error answer or console error on the phone or the desk', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

await finish(browser)
