// End-to-end test of 数据驾驶舱 (the leaders' cockpit) and 数据大屏 (its wall screen). The leader
// opens 数据驾驶舱 from the menu: 受理求助 shows 249 (the demo city's reporting year), as the
// page's own GET /cockpit answered; its drawer lists the towns with their shares of the total, a
// town's row drills down (the breadcrumb and the drawer then are the town's, its total the share
// it had), and nowhere is there a 查看清单 — a leader never opens records. The city's worker opens
// the same figure and its 查看清单 for the total: the case list, filtered as the figure says (the
// tag "来自数据驾驶舱…"), counts as many cases as the figure; closing the tag lists them all again.
// The screen's account signs in and lands on /screen, the numbers as GET /cockpit answered, a
// clock, no link — and the page asks the server for nothing but its session and the cockpit.
// Reads only (it changes nothing), and runs first (e2e/all.mjs): the other files add cases.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, dismissNotifications, expect, launch, shooter, shotsDir, signIn, stage, tid, until } from './helpers.mjs'

const browser = await launch()
const shoot = shooter(shotsDir(), 'cockpit-', { settled: true })
// desk pages, each of its own (open): the sign-in page asks for a session before there is one
const allowed = (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401
const { step, finish, problems, open } = stage(browser, { shoot, allowed, stopAfterFailure: true })

const RECEIVED = 'requests.received'
/** The next answer to GET /api/v1<path> whose query has `params` (a subset), as JSON with its query. */
const answerTo = (page, path, params = {}) => page.waitForResponse((r) => {
  const u = new URL(r.url())
  return r.request().method() === 'GET' && u.pathname === `/api/v1${path}` && Object.entries(params).every(([k, v]) => u.searchParams.get(k) === v)
}).then(async (r) => ({ status: r.status(), body: await r.json(), query: Object.fromEntries(new URL(r.url()).searchParams) }))
const text = async (locator) => (await locator.innerText()).trim()
const count = (n) => (n === null ? '—' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 }))
const share = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`
const figureOf = (answer, code) => answer.figures.find((f) => f.code === code)

/** Opens 数据驾驶舱 from the menu; answers the page's GET /cockpit. */
async function openCockpit(page) {
  const answered = answerTo(page, '/cockpit')
  await page.locator(tid('menu-cockpit')).click()
  await page.waitForURL(/\/cockpit(\?.*)?$/)
  const a = await answered
  expect(a.status === 200, `GET /cockpit answered ${a.status}`)
  await page.locator(tid(`cockpit-figure-${RECEIVED}`)).waitFor()
  return a.body
}
/** The drawer's unit rows: [code, name, value, share]. */
const unitRows = (page) => page.locator(`${tid('cockpit-drawer')} ${tid('cockpit-unit')}`).evaluateAll((rows) => rows.map((r) => [
  r.getAttribute('data-code'), r.querySelector('.name')?.textContent?.trim() ?? '',
  r.querySelector('[data-testid="cockpit-unit-value"]')?.textContent?.trim() ?? '', r.querySelector('[data-testid="cockpit-unit-share"]')?.textContent?.trim() ?? '',
]))
/** No 查看清单 anywhere on the page (the drawer teleports to the body). */
async function noListLinks(page, where) {
  const n = await page.locator(`${tid('cockpit-list-link')}, ${tid('cockpit-list-total')}`).count()
  expect(n === 0, `${where}: ${n} 查看清单 links`)
  const body = await page.locator('body').innerText()
  expect(!body.includes('查看清单'), `${where}: the page reads 查看清单`)
}

// ---- the leader: figures, drilling, never a record ----

const { page: leader } = await open('leader')
let cityAnswer = null

await step('the leader opens 数据驾驶舱 from the menu: 受理求助 shows 249, as GET /cockpit answered, with last year and the time it is of', async () => {
  await signIn(leader, 'leader')
  cityAnswer = await openCockpit(leader)
  const fig = figureOf(cityAnswer, RECEIVED)
  expect(fig, 'no requests.received in the answer')
  expect(fig.value === 249, `requests.received is ${fig.value}, not 249`)
  await until(async () => (await text(leader.locator(tid(`cockpit-value-${RECEIVED}`)))) === '249', 'the figure shows 249')
  const tile = await text(leader.locator(tid(`cockpit-figure-${RECEIVED}`)))
  expect(tile.includes('受理求助') && tile.includes(`去年同期 ${count(fig.last_year)}`), `the figure reads "${tile}"`)
  expect((await text(leader.locator(tid('cockpit-as-of')))).startsWith('数据截至'), 'no as-of time')
  // tiles as the server sent them, in its order
  const tiles = await leader.locator('[data-testid^="cockpit-tile-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').slice('cockpit-tile-'.length)))
  const sent = cityAnswer.tiles.map((x) => x.code).filter((c) => cityAnswer.figures.some((f) => f.tile === c))
  expect(JSON.stringify(tiles) === JSON.stringify(sent), `tiles ${tiles.join(',')} for ${sent.join(',')}`)
  expect(cityAnswer.figures.every((f) => f.list === null), 'a figure with a list for the leader')
  await noListLinks(leader, 'the leader\'s cockpit')
  await shoot(leader, 'leader', true)
})

let town = null
await step('its drawer lists the towns with their shares of the total, and no 查看清单', async () => {
  await leader.locator(tid(`cockpit-figure-${RECEIVED}`)).click()
  const drawer = leader.locator(tid('cockpit-drawer'))
  await drawer.locator(tid('cockpit-units')).waitFor()
  expect((await text(drawer.locator(tid('cockpit-drawer-value')))) === '249', 'the drawer\'s total is not 249')
  const rows = await unitRows(leader)
  const fig = figureOf(cityAnswer, RECEIVED)
  expect(rows.length === cityAnswer.units.length, `${rows.length} rows for ${cityAnswer.units.length} units`)
  for (const u of cityAnswer.units) {
    const r = rows.find((x) => x[0] === u.code)
    const v = u.values[RECEIVED] ?? null
    expect(r && r[2] === count(v) && r[3] === (v === null ? '—' : share(v, fig.value)), `${u.name}: shown ${JSON.stringify(r)}, answered ${v} of ${fig.value}`)
  }
  town = cityAnswer.units.filter((u) => u.level === 'town' && !u.own).sort((a, b) => (b.values[RECEIVED] ?? 0) - (a.values[RECEIVED] ?? 0))[0]
  expect(town && town.values[RECEIVED] > 0, 'no town with requests')
  const total = drawer.locator(tid('cockpit-unit-total'))
  const totalText = `${await text(total.locator('.name'))} ${await text(total.locator(tid('cockpit-unit-value')))}`
  expect(totalText === '合计 249', `the total row reads "${totalText}"`)
  await noListLinks(leader, 'the leader\'s drawer')
  await shoot(leader, 'leader-drawer')
})

await step('a town\'s row drills down: the breadcrumb and the drawer are the town\'s, its total the share it had; still no 查看清单', async () => {
  const answered = answerTo(leader, '/cockpit', { region: town.code })
  await leader.locator(`${tid('cockpit-drawer')} ${tid('cockpit-unit')}[data-code="${town.code}"]`).click()
  const a = await answered
  expect(a.status === 200 && a.body.region.code === town.code, `drilled into ${a.body.region?.code}`)
  const value = town.values[RECEIVED]
  expect(figureOf(a.body, RECEIVED).value === value, `the town's answer: ${figureOf(a.body, RECEIVED).value}, its row said ${value}`)
  const drawer = leader.locator(tid('cockpit-drawer'))
  await until(async () => (await text(drawer.locator(tid('cockpit-drawer-value')))) === count(value), `the drawer shows the town's ${value}`)
  await until(async () => (await text(leader.locator(tid('cockpit-region-name')))) === town.name, 'the breadcrumb ends at the town')
  expect(await leader.locator(tid(`cockpit-crumb-${cityAnswer.region.code}`)).count() === 1, 'no way back up to the city')
  expect(new URL(leader.url()).searchParams.get('region') === town.code, `the address: ${leader.url()}`)
  const rows = await unitRows(leader)
  expect(rows.length === a.body.units.length && rows.length > 1, `${rows.length} rows of the town's ${a.body.units.length} units`)
  const shown = rows.filter((r) => r[3] !== '—').reduce((n, r) => n + Number(r[3].replace('%', '')), 0)
  // each share rounded to 0.1%: they add up to 100% within 0.05% a row
  expect(Math.abs(shown - 100) <= 0.05 * rows.length + 0.01, `the town's units' shares add up to ${shown}%`)
  await noListLinks(leader, 'the town\'s drawer')
  await shoot(leader, 'leader-town')
})

// ---- the city's worker: the records behind the figure ----

const { page: city } = await open('city')
await step('the city\'s worker opens 受理求助\'s 查看清单: the case list counts as many cases as the figure, under its tag', async () => {
  await signIn(city, 'city')
  await dismissNotifications(city)
  const answer = await openCockpit(city)
  const fig = figureOf(answer, RECEIVED)
  expect(fig.list && fig.list.path === '/api/v1/cases', `the figure's list: ${JSON.stringify(fig.list)}`)
  await city.locator(tid(`cockpit-figure-${RECEIVED}`)).click()
  const drawer = city.locator(tid('cockpit-drawer'))
  await drawer.locator(tid('cockpit-list-total')).waitFor()
  expect(await drawer.locator(tid('cockpit-list-link')).count() === answer.units.length + 1, 'not a 查看清单 on every row')
  const listed = answerTo(city, '/cases', Object.fromEntries(Object.entries(fig.list.query).map(([k, v]) => [k, String(v === true ? 1 : v)])))
  await dismissNotifications(city)
  await drawer.locator(tid('cockpit-list-total')).click()
  await city.waitForURL(/\/cases\?/)
  const cases = await listed
  expect(cases.status === 200, `GET /cases answered ${cases.status}`)
  const key = fig.list.count_of || 'total'
  expect(cases.body[key] === fig.value, `the list counts ${cases.body[key]}, the figure ${fig.value}`)
  await city.locator(tid('cases-table')).waitFor()
  await until(async () => (await text(city.locator(`${tid('pager')} .el-pagination__total`))).includes(String(fig.value)), `the pager says ${fig.value}`)
  const tag = await text(city.locator(tid('figure-filter-tag')))
  expect(tag.startsWith('来自数据驾驶舱：') && tag.includes(`${answer.period.from} 至 ${answer.period.to}`), `the tag reads "${tag}"`)
  await shoot(city, 'city-cases')
})

await step('closing the tag lists the cases without the figure\'s filters', async () => {
  const again = city.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases' && !new URL(r.url()).searchParams.has('counted'))
  await city.locator(`${tid('figure-filter-tag')} .el-tag__close`).click()
  const r = await again
  expect(r.status() === 200, `GET /cases answered ${r.status()}`)
  await city.locator(tid('figure-filter-tag')).waitFor({ state: 'detached' })
  const u = new URL(city.url())
  expect(!u.searchParams.has('cockpit') && !u.searchParams.has('from'), `the address keeps them: ${city.url()}`)
})

await step('按时办结\'s 查看清单 opens the list of pushes: as many as the figure, each judged and in time; a row opens its incident', async () => {
  const answer = await openCockpit(city)
  // the pushes handled in time, or (early in a year whose reporting year holds none) those judged
  const onTime = figureOf(answer, 'incidents.pushes_on_time')
  const code = onTime.value > 0 ? onTime.code : 'incidents.pushes_due'
  const fig = figureOf(answer, code)
  expect(fig.list && fig.list.path === '/api/v1/incidents/pushes' && fig.value > 0, `the figure: ${JSON.stringify({ code, value: fig.value, list: fig.list })}`)
  await city.locator(tid(`cockpit-figure-${code}`)).click()
  const drawer = city.locator(tid('cockpit-drawer'))
  await drawer.locator(tid('cockpit-list-total')).waitFor()
  const listed = answerTo(city, '/incidents/pushes', Object.fromEntries(Object.entries(fig.list.query).map(([k, v]) => [k, String(v === true ? 1 : v)])))
  await dismissNotifications(city)
  await drawer.locator(tid('cockpit-list-total')).click()
  await city.waitForURL(/\/incidents\/pushes\?/)
  const pushes = await listed
  expect(pushes.status === 200 && pushes.body.total === fig.value, `the list counts ${pushes.body.total}, the figure ${fig.value}`)
  expect(pushes.body.items.every((p) => p.judged && (p.on_time || code !== onTime.code) && !('address' in p.incident)), 'a push not judged, late, or with an address')
  await city.locator(tid('incident-pushes-table')).waitFor()
  await until(async () => (await text(city.locator(`${tid('pager')} .el-pagination__total`))).includes(String(fig.value)), `the pager says ${fig.value}`)
  await shoot(city, 'city-pushes')
  const first = pushes.body.items[0]
  await city.locator(tid('push-incident-open')).first().click()
  await city.waitForURL(new RegExp(`/incidents/${first.incident.id}$`))
})

// ---- the wall screen's account ----

const { page: wall } = await open('screen')
const asked = []
wall.on('request', (req) => {
  const path = new URL(req.url()).pathname
  if (path.startsWith('/api/')) asked.push(`${req.method()} ${path}`)
})

await step('the screen\'s account signs in and lands on /screen: the numbers as GET /cockpit answered, a clock, no link', async () => {
  const answered = answerTo(wall, '/cockpit')
  await signIn(wall, 'screen', { ready: tid('screen-page') })
  expect(new URL(wall.url()).pathname === '/screen', `landed on ${wall.url()}`)
  const a = await answered
  expect(a.status === 200, `GET /cockpit answered ${a.status}`)
  for (const code of [RECEIVED, 'volunteers.serving', 'visits.households', 'legal.school_lectures']) {
    const f = figureOf(a.body, code)
    expect(f, `no ${code} in the answer`)
    await until(async () => (await text(wall.locator(tid(`screen-value-${code}`)))) === count(f.value), `the screen shows ${code} ${f.value}`)
  }
  expect((await text(wall.locator(tid('screen-clock')))).match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), 'no clock')
  expect((await text(wall.locator(tid('screen-as-of')))).startsWith('数据截至'), 'no as-of time')
  expect(await wall.locator(`${tid('screen-page')} a`).count() === 0, 'a link on the screen')
  expect(await wall.locator(tid('app-menu')).count() === 0, 'the console\'s menu on the screen')
  await wall.waitForLoadState('networkidle').catch(() => {})
  await shoot(wall, 'screen', true)
})

await step('the screen asked the server for its session and the cockpit, nothing else', async () => {
  await wall.waitForLoadState('networkidle').catch(() => {})
  const other = asked.filter((x) => !/^(GET|POST) \/api\/v1\/(session|cockpit)$/.test(x))
  expect(other.length === 0, `other requests: ${[...new Set(other)].join(', ')}`)
  expect(asked.includes('GET /api/v1/cockpit'), `no GET /cockpit among ${asked.join(', ')}`)
})

await step('no console errors and no unexpected error answers', async () => {
  expect(problems.length === 0, `problems:\n       ${problems.join('\n       ')}`)
})

await finish(browser, 'cockpit e2e: ')
