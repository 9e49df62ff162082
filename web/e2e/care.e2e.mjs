// End-to-end test of the volunteers' trainings and the visits' figures on a desk: the city's worker
// adds a mediation lecture (培训), records two volunteers found by name as its attendance (出勤;
// PUT …/attendance replaces the whole list) and sees the count 2 in the list and the two again
// when she reopens it; the town's worker reads 周末公益 (care visits) over the last 60 days — the
// tiles, by category, by level and by town as the page's own /visits/care-stats answered (and as
// the API answers again), the never-visited tagged people of her town only; the leader reads
// 走访概况 (visit summary) in counts equal to the page's own /visits/summary answer, has no menu
// entry for visit records or people, and GET /visits is refused her (403).
// Independent of what the other files change: its training, title and volunteers are its own
// (chosen through the API at run time); the figures are compared with the answers the pages got.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, expect, field, launch, shooter, shotsDir, signIn, signedInApi, stage, tid, until } from './helpers.mjs'

const TOWN = '330784001' // 东城街道, the `town` account's
const TOWN2 = '330784002' // 西城街道, the other demo town
const RUN = String(Date.now()).slice(-6)
const TITLE = `家事调解讲座E2E${RUN}`
const browser = await launch()
const shoot = shooter(shotsDir(), 'care-')
// desk pages, each of its own (open): the sign-in page asks for a session before there is one
const allowed = (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401
const { step, finish, problems, open } = stage(browser, { shoot, allowed })

/** A Beijing day (YYYY-MM-DD), `days` from today. */
const beijingDay = (days = 0) => new Date(Date.now() + 8 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10)
// The figures' period: the last 60 days. The demo's care visits fill its reporting year (this
// year to date, or the whole last year in its first 60 days) — some of them in any 60 days up to
// today, and not every tagged person, so the never-visited list has people too.
const FROM = beijingDay(-59)
const TO = beijingDay(0)

/** An answer of the page to `path` (under /api/v1) whose query has `params`. */
const answerTo = (page, path, params = {}) => page.waitForResponse((r) => {
  const u = new URL(r.url())
  return r.request().method() === 'GET' && u.pathname === `/api/v1${path}` && Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v)
})

/** Opens a page from the menu (its group is open) and waits for its address. */
async function openMenu(page, name) {
  await page.locator(tid(`menu-${name}`)).click()
  await page.waitForURL(new RegExp(`/${name}$`))
}

/** Types the period into a figures page's search bar (PeriodRegionForm) and searches; answers the
 *  responses to `paths` that this search brings (waited for together). */
async function searchPeriod(page, testid, paths) {
  const form = page.locator('.search-form')
  const ends = form.locator('.el-range-input')
  await ends.nth(0).fill(FROM)
  await ends.nth(1).fill(TO)
  await ends.nth(1).press('Enter')
  await until(async () => (await ends.nth(0).inputValue()) === FROM && (await ends.nth(1).inputValue()) === TO, `the period ${FROM} – ${TO} taken`)
  const answers = paths.map((p) => answerTo(page, p, { from: FROM, to: TO }))
  await page.locator(tid(`${testid}-search`)).click()
  const got = await Promise.all(answers)
  for (const r of got) expect(r.status() === 200, `${new URL(r.url()).pathname}: ${r.status()}`)
  await page.locator('.el-loading-mask').first().waitFor({ state: 'detached' }).catch(() => {})
  return Promise.all(got.map((r) => r.json()))
}

/** The number a figure tile shows. */
const tileValue = async (page, testid) => (await page.locator(`${tid(testid)} .tile-value`).innerText()).trim()
/** The cells' texts of a table's rows (by test id of the el-table). */
const tableRows = (page, testid) => page.locator(`${tid(testid)} .el-table__body-wrapper tr.el-table__row`).evaluateAll(
  (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim())))

// ---- the city's worker: a training and its attendance ----

const city = await signedInApi(browser, 'city')
const { page: cityPage } = await open('city')
let training = null
let attendees = []

await step('the city\'s worker adds a mediation lecture and finds it in the list', async () => {
  await signIn(cityPage, 'city')
  const page = cityPage
  const first = answerTo(page, '/trainings')
  await openMenu(page, 'trainings')
  await first
  await page.locator(tid('trainings-table')).waitFor()
  await page.locator(tid('training-add')).click()
  const dialog = page.locator(`${tid('training-dialog')}:visible`)
  await dialog.waitFor()
  await dialog.locator(field('training-title')).fill(TITLE)
  await dialog.locator(tid('training-kind')).locator('.el-radio', { hasText: '调解讲座' }).click()
  // held today at 09:00 (Beijing): the picker takes the time typed, as it shows it
  const when = dialog.locator('.el-date-editor--datetime input')
  await when.fill(`${beijingDay(0)} 09:00`)
  await when.press('Enter')
  await until(async () => (await when.inputValue()) === `${beijingDay(0)} 09:00`, 'the time taken')
  // her city: the first (only) region her picker starts at, chosen by its radio
  await dialog.locator('.el-cascader').click()
  const popper = page.locator('.region-cascader-popper:visible')
  await popper.locator('.el-cascader-menu').nth(0).locator('.el-cascader-node').first().locator('.el-radio').click()
  await until(async () => (await dialog.locator('.el-cascader input').inputValue()) !== '', 'the region shown')
  // a click beside it closes the picker (Escape would close the dialog)
  await dialog.locator('.el-dialog__title').click()
  await popper.waitFor({ state: 'hidden' })
  await dialog.locator(field('training-venue')).fill('市妇联四楼会议室')
  await dialog.locator(field('training-speakers')).fill('市妇联调解指导员、特邀律师')
  await dialog.locator(field('training-topics')).fill('婚姻家庭纠纷调解技巧（E2E）')
  await shoot(page, 'training-dialog')
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/trainings')
  await dialog.locator(tid('training-submit')).click()
  const res = await created
  expect(res.status() === 201 || res.status() === 200, `POST /trainings: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  training = await res.json()
  expect(training.title === TITLE && training.kind === 'mediation_lecture', `saved as ${training.title} / ${training.kind}`)
  expect(training.region_code === '330784', `saved in region ${training.region_code}, not the city`)
  expect(training.held_at.startsWith(`${beijingDay(0)}T09:00`), `held at ${training.held_at}`)
  await dialog.waitFor({ state: 'hidden' })
  // found by its title in the list
  await page.locator(field('trainings-q')).fill(TITLE)
  const listed = answerTo(page, '/trainings', { title: TITLE })
  await page.locator(tid('search-submit')).click()
  await listed
  const row = page.locator(`${tid('trainings-table')} tr.el-table__row`, { hasText: TITLE })
  await row.waitFor()
  const text = await row.innerText()
  expect(text.includes('调解讲座') && text.includes('市妇联四楼会议室'), `the row reads "${text}"`)
  expect((await row.locator(tid('training-attendance-count')).innerText()).trim() === '0', 'a new training has attendance')
  await shoot(page, 'training-listed')
})

await step('she records two volunteers found by name as its attendance: the list counts 2', async () => {
  expect(training, 'no training was added')
  const page = cityPage
  // two volunteers of hers, each the only one of that name (the search finds just her)
  const pool = (await city.get('/volunteers?page_size=50')).body?.items ?? []
  for (const v of pool.filter((x) => !x.retired)) {
    if (attendees.length === 2) break
    if (attendees.some((a) => a.name === v.name)) continue
    const same = (await city.get(`/volunteers?name=${encodeURIComponent(v.name)}&page_size=20`)).body?.items ?? []
    if (same.filter((x) => x.name === v.name).length === 1) attendees.push(v)
  }
  expect(attendees.length === 2, `found ${attendees.length} volunteers with a name of their own`)
  const row = page.locator(`${tid('trainings-table')} tr.el-table__row`, { hasText: TITLE })
  const read = answerTo(page, `/trainings/${training.id}/attendance`)
  await row.locator(tid('training-attendance')).click()
  const dialog = page.locator(`${tid('training-attendance-dialog')}:visible`)
  await dialog.waitFor()
  await read
  await dialog.locator(tid('attendance-count')).filter({ hasText: '已到 0 人' }).waitFor()
  for (const v of attendees) {
    await dialog.locator(field('attendance-search')).fill(v.name)
    const found = answerTo(page, '/volunteers', { name: v.name })
    await dialog.locator(tid('attendance-search-button')).click()
    await found
    const hit = dialog.locator(`${tid('attendance-found')} tr.el-table__row`).filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^\\s*${v.name}\\s*$`) }) }).first()
    await hit.waitFor()
    await hit.locator(tid('attendance-add')).click()
    await dialog.locator(tid('attendance-chosen')).locator('.el-tag', { hasText: v.name }).waitFor()
  }
  await dialog.locator(tid('attendance-count')).filter({ hasText: '已到 2 人' }).waitFor()
  await shoot(page, 'attendance-chosen')
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/v1/trainings/${training.id}/attendance`)
  const reloaded = answerTo(page, '/trainings', { title: TITLE })
  await dialog.locator(tid('training-attendance-submit')).click()
  const res = await saved
  expect(res.status() === 200, `PUT attendance: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  const body = await res.json()
  expect(body.attendance === 2, `saved with attendance ${body.attendance}`)
  const sent = res.request().postDataJSON()
  expect(JSON.stringify([...sent.volunteer_ids].sort()) === JSON.stringify(attendees.map((a) => a.id).sort()), `sent ${JSON.stringify(sent.volunteer_ids)}`)
  await page.locator('.el-message--success', { hasText: '共 2 人' }).first().waitFor()
  await dialog.waitFor({ state: 'hidden' })
  await reloaded
  await until(async () => (await row.locator(tid('training-attendance-count')).innerText()).trim() === '2', 'the list counts 2')
  await shoot(page, 'attendance-counted')
})

await step('reopening the attendance shows the two', async () => {
  expect(training && attendees.length === 2, 'no attendance was recorded')
  const page = cityPage
  const row = page.locator(`${tid('trainings-table')} tr.el-table__row`, { hasText: TITLE })
  const read = answerTo(page, `/trainings/${training.id}/attendance`)
  await row.locator(tid('training-attendance')).click()
  const dialog = page.locator(`${tid('training-attendance-dialog')}:visible`)
  await dialog.waitFor()
  const stored = await (await read).json()
  expect(stored.total === 2, `the server has ${stored.total} attendees`)
  await dialog.locator(tid('attendance-count')).filter({ hasText: '已到 2 人' }).waitFor()
  const tags = dialog.locator(`${tid('attendance-chosen')} .el-tag`)
  await until(async () => (await tags.count()) === 2, 'two attendees shown')
  const shown = (await tags.allInnerTexts()).join(' | ')
  for (const v of attendees) expect(shown.includes(v.name), `${v.name} is not among "${shown}"`)
  await shoot(page, 'attendance-reopened')
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'hidden' })
})

// ---- the town's worker: 周末公益 ----

const { page: townPage } = await open('town')
let care = null
let unvisited = null

await step('the town\'s worker reads 周末公益: tiles, by category, by level and by town as the page\'s answer', async () => {
  const page = townPage
  await signIn(page, 'town')
  const first = answerTo(page, '/visits/care-stats')
  await openMenu(page, 'care')
  await first
  await page.locator(tid('care-tiles')).waitFor()
  ;[care, unvisited] = await searchPeriod(page, 'care', ['/visits/care-stats', '/visits/care-unvisited'])
  expect(care.from === FROM && care.to === TO, `answered for ${care.from} – ${care.to}`)
  expect(care.person_visits > 0 && care.people > 0, `person visits ${care.person_visits}, people ${care.people} in ${FROM} – ${TO}`)
  expect(care.people <= care.person_visits, `${care.people} people in ${care.person_visits} person visits`)
  for (const key of ['visits', 'person_visits', 'people', 'late'])
    await until(async () => (await tileValue(page, `care-tile-${key}`)) === String(care[key]), `the tile ${key} shows ${care[key]}`)
  // by category: the chart is drawn, the table has the answer's counts
  await page.locator(`${tid('care-category-chart')} canvas`).first().waitFor()
  const categories = await tableRows(page, 'care-categories')
  const shownCounts = categories.map((r) => Number(r[1])).filter((n) => n > 0).sort((a, b) => a - b)
  const sentCounts = care.by_category.map((r) => r.count).filter((n) => n > 0).sort((a, b) => a - b)
  expect(JSON.stringify(shownCounts) === JSON.stringify(sentCounts), `by category shown ${shownCounts}, answered ${sentCounts}`)
  // by level: city, town, village in that order, adding up to the person visits
  const levels = await tableRows(page, 'care-levels')
  const levelOf = (l) => care.by_level.find((r) => r.level === l)?.count ?? 0
  expect(levels.length === 3 && levels.map((r) => r[0]).join(',') === '市级,镇街级,村社级', `levels ${levels.map((r) => r[0])}`)
  expect(levels.map((r) => Number(r[1])).join(',') === ['city', 'town', 'village'].map(levelOf).join(','), `by level shown ${levels.map((r) => r[1])}`)
  expect(levels.reduce((n, r) => n + Number(r[1]), 0) === care.person_visits, 'the levels do not add up to the person visits')
  // by town: hers only
  const towns = await tableRows(page, 'care-towns')
  expect(towns.length === 1 && towns[0][0] === '东城街道' && Number(towns[0][1]) === care.person_visits, `by town: ${JSON.stringify(towns)}`)
  await shoot(page, 'care-figures', true)
})

await step('the same question to the API answers the same figures', async () => {
  expect(care, 'the page had no figures')
  // asked with the page's own request context (her session), with the period the page sent
  const r = await townPage.request.get(`${BASE}/api/v1/visits/care-stats?from=${FROM}&to=${TO}`)
  expect(r.status() === 200, `GET /visits/care-stats: ${r.status()}`)
  const again = await r.json()
  expect(again.person_visits === care.person_visits && again.people === care.people && again.visits === care.visits,
    `the API answers ${again.visits}/${again.person_visits}/${again.people}, the page showed ${care.visits}/${care.person_visits}/${care.people}`)
  expect(await tileValue(townPage, 'care-tile-person_visits') === String(again.person_visits), 'the tile differs from the API')
})

await step('the never-visited list shows tagged people of her town only', async () => {
  expect(unvisited, 'the page had no never-visited list')
  const page = townPage
  expect(unvisited.total > 0 && unvisited.items.length > 0, `nobody unvisited in ${FROM} – ${TO}`)
  const outside = unvisited.items.filter((p) => !p.region_path.startsWith(`/330784/${TOWN}/`))
  expect(outside.length === 0, `outside 东城街道: ${outside.map((p) => p.region_path).join(', ')}`)
  expect(unvisited.items.every((p) => p.tags.length > 0), 'someone untagged in the list')
  await page.locator(tid('care-unvisited-count')).filter({ hasText: `共 ${unvisited.total} 人` }).waitFor()
  const rows = await tableRows(page, 'care-unvisited-table')
  expect(rows.map((r) => r[0]).join(',') === unvisited.items.map((p) => p.name).join(','), 'the rows are not the answer\'s people')
  // none of 西城街道's never-visited people (the same question, asked as 西城's worker) is here
  const town2 = await signedInApi(browser, 'town2')
  try {
    const theirs = await town2.get(`/visits/care-unvisited?from=${FROM}&to=${TO}&page_size=100`)
    expect(theirs.status === 200, `西城街道's list: ${theirs.status}`)
    expect(theirs.body.items.every((p) => p.region_path.startsWith(`/330784/${TOWN2}/`)), '西城街道 answered others')
    const ids = new Set(theirs.body.items.map((p) => p.person_id))
    const shared = unvisited.items.filter((p) => ids.has(p.person_id))
    expect(shared.length === 0, `西城街道's people in her list: ${shared.map((p) => p.name).join(', ')}`)
  } finally {
    await town2.close()
  }
  await page.locator(tid('care-unvisited')).scrollIntoViewIfNeeded()
  await shoot(page, 'care-unvisited')
})

// ---- the leader: 走访概况, counts only ----

const { page: leaderPage } = await open('leader')

await step('the leader\'s menu has no visit records and no people; GET /visits is refused her', async () => {
  const page = leaderPage
  await signIn(page, 'leader')
  const menu = page.locator('.app-menu')
  await menu.locator(tid('menu-visit-summary')).waitFor()
  const items = await menu.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  const personal = items.filter((id) => /^menu-(visits|visit-records|visit|people|households|key-families|family-due|volunteers)$/.test(id))
  expect(personal.length === 0, `the leader's menu has ${personal.join(', ')}`)
  const text = await menu.innerText()
  expect(!/走访记录|重点家庭/.test(text), `the leader's menu reads "${text.replace(/\s+/g, ' ')}"`)
  // the page's own request context (her session cookie): records are not hers to read
  for (const path of ['/api/v1/visits', '/api/v1/visits/care-unvisited']) {
    const r = await page.request.get(`${BASE}${path}`)
    expect(r.status() === 403, `GET ${path} as the leader: ${r.status()}`)
  }
  await shoot(page, 'leader-menu')
})

await step('the leader reads 走访概况: every count as the page\'s own /visits/summary answered', async () => {
  const page = leaderPage
  const first = answerTo(page, '/visits/summary')
  await openMenu(page, 'visit-summary')
  await first
  await page.locator(tid('visit-summary-tiles')).waitFor()
  const [summary] = await searchPeriod(page, 'visit-summary', ['/visits/summary'])
  expect(summary.from === FROM && summary.to === TO, `answered for ${summary.from} – ${summary.to}`)
  expect(summary.visits > 0 && summary.households > 0 && summary.must_visit_households > 0, `visits ${summary.visits}, households ${summary.households}, must-visit ${summary.must_visit_households}`)
  expect(summary.households <= summary.visits && summary.settled_on_spot <= summary.problems_found, 'the counts disagree with each other')
  const keys = ['visits', 'households', 'must_visit_households', 'problems_found', 'settled_on_spot', 'cases_opened', 'referrals_open', 'late', 'care_person_visits']
  for (const key of keys)
    await until(async () => (await tileValue(page, `visit-summary-${key}`)) === String(summary[key]), `the tile ${key} shows ${summary[key]}`)
  const towns = await tableRows(page, 'visit-summary-towns')
  expect(towns.length === summary.by_town.length, `${towns.length} towns shown, ${summary.by_town.length} answered`)
  for (const t of summary.by_town) {
    const r = towns.find((x) => x[0] === t.name)
    expect(r && Number(r[1]) === t.visits && Number(r[2]) === t.households, `${t.name}: shown ${JSON.stringify(r)}, answered ${t.visits}/${t.households}`)
  }
  // figures only: no name, no household to open
  expect(!(await page.locator(`${tid('visit-summary-page')} a, ${tid('visit-summary-page')} .el-link`).count()), 'a link on the summary page')
  await shoot(page, 'visit-summary', true)
})

await step('no console errors and no unexpected error answers', async () => {
  await city.close()
  expect(problems.length === 0, `problems:\n       ${problems.join('\n       ')}`)
})

await finish(browser, 'care e2e: ')
