// End-to-end test of the grid sister's phone (issue 12, point 5): on a 390 px phone she signs in
// and lands on her own home (/m, four tabs), loses the signal, records a must-visit with a problem
// found and 立案 — kept in the outbox (sealed on the phone), the offline banner and the count
// shown — and when the signal comes back the outbox uploads by itself and empties; the case the
// visit opened is in the village's list (GET /cases) as a grid report.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, PASSWORD, PHONE, expect, launch, newPage, shooter, shotsDir, signIn, slug, steps, tid, until, watchPage } from './helpers.mjs'

const browser = await launch()
const shoot = shooter(shotsDir(), 'visits-')
const { context, page } = await newPage(browser, { viewport: PHONE, phone: true, scale: 1 })
const { step, finish } = steps({ stopAfterFailure: true, onFail: async (name) => shoot(page, `FAIL-${slug(name, 30)}`).catch(() => {}) })
const { problems } = watchPage(page, { label: 'phone: ' })
const settle = () => page.waitForLoadState('networkidle').catch(() => {})

/** The API as a signed-in account (its own context: cookie and CSRF token). */
async function signedIn(login) {
  const ctx = await browser.newContext()
  const res = await ctx.request.post(`${BASE}/api/v1/session`, { data: { login, password: PASSWORD } })
  expect(res.ok(), `${login} cannot sign in: ${res.status()}`)
  const session = await res.json()
  return {
    session,
    async get(path) {
      const r = await ctx.request.get(`${BASE}/api/v1${path}`)
      const text = await r.text()
      return { status: r.status(), body: text ? JSON.parse(text) : null }
    },
    close: () => ctx.close(),
  }
}

const problemText = `走访发现：酒后推搡 ${Date.now()}`
let householdName = ''

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
  await page.locator(tid('visit-findings')).locator('textarea').fill('夫妻因彩礼问题争吵')
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
  await shoot(page, 'synced')
})

await step('the visit is recorded once, and its case is in the village\'s list as a grid report', async () => {
  const sister = await signedIn('gridsister')
  const village = await signedIn('village')
  try {
    const mine = await sister.get(`/visits?recorded_by=${sister.session.user.id}&sort=-created_at&page_size=5`)
    expect(mine.status === 200, `visits list: ${mine.status}`)
    const visit = mine.body.items.find((v) => v.case_id)
    expect(visit, 'no visit of hers opened a case')
    const cases = await village.get('/cases?sort=-created_at&page_size=50')
    expect(cases.status === 200, `village cases: ${cases.status}`)
    const found = cases.body.items.find((c) => c.id === visit.case_id)
    expect(found, `case ${visit.case_id} is not in the village's list`)
    expect(found.channel === 'grid_report', `channel ${found.channel}`)
  } finally {
    await sister.close()
    await village.close()
  }
})

await step('no error answer or console error on the phone', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

await finish(browser)
