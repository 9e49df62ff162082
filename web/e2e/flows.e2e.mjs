// The console's editing flows against a running HeJia server with demo data: every dialog that
// changes something is driven once through the UI, so a mismatch between the UI and the API
// (a field the server refuses, a shape the UI misreads) fails here. It changes the data it
// touches (a new person, account and grid; a renamed household head), so run it on a demo
// database. Same variables as console.e2e.mjs; ends with "N passed, M failed".
import { createHmac } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { BASE, chooseOption, expect, field, launch, newPage, shotsDir, signIn, slug, steps, tid, watchPage, withCheckChar } from './helpers.mjs'

const SHOTS = shotsDir()
const RUN = String(Date.now()).slice(-6)
// The new account's own phone: its one-time password is texted there, never shown to an administrator.
const PHONE = `1389${RUN.padStart(7, '0')}`

/** The newest one-time password texted to `phone`, read as the operator would (`hejia sms outbox`). */
function textedSecret(phone) {
  const bin = process.env.E2E_HEJIA
  const db = process.env.E2E_DB
  if (!bin || !db) throw new Error('E2E_HEJIA and E2E_DB are needed to read the SMS outbox')
  const out = execFileSync(bin, ['sms', 'outbox', '--db', db, '--last', '50'], { encoding: 'utf8' })
  for (const block of out.split('\n\n')) {
    if (!block.includes(`to: ${phone}`) || !block.includes('account_secret')) continue
    const m = block.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)
    if (m) return m[0]
  }
  throw new Error(`no one-time password was texted to ${phone}`)
}
const VIEWPORT = { width: 1366, height: 768 }

const browser = await launch()
const { step: run, finish } = steps()

// One browser per account. Error answers fail the step unless listed as expected ("METHOD /path
// STATUS" or a pattern of it); the sign-in page's probe of GET /session is always fine.
function session(page, context) {
  const s = { page, context, expected: [], problems: [] }
  watchPage(page, {
    problems: s.problems,
    allowed: ({ method, path, status }) => {
      const what = `${method} ${path} ${status}`
      return what === 'GET /api/v1/session 401' || s.expected.some((e) => (e instanceof RegExp ? e.test(what) : e === what))
    },
  })
  return s
}
async function as(login, password) {
  const { page, context } = await newPage(browser, { viewport: VIEWPORT })
  const s = session(page, context)
  await signIn(page, login, { password })
  return s
}

// Each step starts with no problems seen, ends with none, and leaves no dialog or drawer open.
async function step(s, name, fn) {
  s.problems.length = 0
  await run(name, async () => {
    await fn()
    await s.page.waitForLoadState('networkidle').catch(() => {})
    expect(s.problems.length === 0, `problems: ${s.problems.join(' | ')}`)
  }, () => s.page.screenshot({ path: `${SHOTS}/FAIL-flows-${slug(name)}.png` }))
  s.expected = []
  await s.page.goto(`${BASE}/`).catch(() => {})
}

const visible = (s, id) => s.page.locator(`${tid(id)}:visible`)
/** Clicks `button` and answers the dialog `dialog` it opens, once it shows. */
async function openDialog(s, button, dialog) {
  await s.page.locator(tid(button)).click()
  const d = visible(s, dialog)
  await d.waitFor()
  return d
}
const success = (s) => s.page.locator('.el-message--success').last().waitFor()
async function confirmBox(s) {
  await s.page.locator('.el-message-box__btns .el-button--primary').click()
}

function idNumber(female) {
  return withCheckChar(`33078419${80 + Math.floor(Math.random() * 20)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${RUN.slice(-2)}${female ? 2 * Math.floor(Math.random() * 5) : 1 + 2 * Math.floor(Math.random() * 5)}`)
}

function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)))
  const h = createHmac('sha1', key).update(counter).digest()
  const o = h[19] & 15
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, '0')
}

// ---- town staff: people and households ----
const town = await as('town')
const womanId = idNumber(true)
await step(town, 'a person is added from the people page, choosing the household by its head', async () => {
  const { page } = town
  await page.goto(`${BASE}/people`)
  const d = await openDialog(town, 'person-add', 'person-dialog')
  await chooseOption(page, d, tid('person-household'), /\S/)
  await d.locator(field('person-name')).fill(`流程${RUN}`)
  await d.locator(field('person-id-number')).fill(womanId)
  await d.locator(field('person-id-number')).blur()
  await d.locator(field('person-phone')).fill('0579-8765 4321')
  await chooseOption(page, d, tid('person-relation'), /^\s*子女\s*$/)
  await d.locator(tid('person-submit')).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator(field('search-name')).fill(`流程${RUN}`)
  await page.locator(tid('search-submit')).click()
  await page.locator(tid('person-name-link'), { hasText: `流程${RUN}` }).first().waitFor()
})

await step(town, 'the same ID number again is offered as a possible duplicate, and can be created anyway', async () => {
  const { page } = town
  town.expected = ['POST /api/v1/people 409']
  await page.goto(`${BASE}/households`)
  await page.locator(tid('household-head-link')).first().click()
  await page.locator(`${tid('household-drawer')} ${tid('add-member')}`).click()
  const d = visible(town, 'person-dialog')
  await d.waitFor()
  await d.locator(field('person-name')).fill(`重复${RUN}`)
  await d.locator(field('person-id-number')).fill(womanId)
  await d.locator(field('person-id-number')).blur()
  await d.locator(tid('person-submit')).click()
  await d.locator(tid('duplicate-alert')).waitFor()
  await d.locator(tid('duplicate-alert')).locator('td', { hasText: `流程${RUN}` }).waitFor()
  await d.locator(tid('create-anyway')).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator(`${tid('household-drawer')} ${tid('member-name')}`, { hasText: `重复${RUN}` }).waitFor()
  town.expected = []
})

await step(town, 'a person is corrected: relation changed, tags set, phone replaced', async () => {
  const { page } = town
  await page.goto(`${BASE}/people`)
  await page.locator(field('search-name')).fill(`流程${RUN}`)
  await page.locator(tid('search-submit')).click()
  await page.locator(tid('person-name-link'), { hasText: `流程${RUN}` }).first().click()
  const drawer = visible(town, 'person-drawer')
  await drawer.locator(tid('person-edit')).click()
  const d = visible(town, 'person-dialog')
  await d.waitFor()
  await chooseOption(page, d, tid('person-relation'), '配偶')
  await chooseOption(page, d, tid('person-tags'), '单亲')
  await page.keyboard.press('Escape')
  await d.locator(field('person-phone')).fill('13900001111')
  // a changed phone reruns the duplicate check, which finds the person of the step before
  town.expected = [/^PATCH \/api\/v1\/people\/\d+ 409$/]
  const answer = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/people\/\d+$/.test(new URL(r.url()).pathname))
  await d.locator(tid('person-submit')).click()
  if ((await answer).status() === 409) await d.locator(tid('create-anyway'), { hasText: '仍然保存' }).click()
  await d.waitFor({ state: 'hidden' })
  await drawer.locator(tid('detail-phone'), { hasText: '139****1111' }).waitFor()
  await drawer.locator('.el-descriptions', { hasText: '配偶' }).waitFor()
  await drawer.locator('.el-tag', { hasText: '单亲' }).waitFor()
  town.expected = []
})

await step(town, 'a household head is renamed', async () => {
  const { page } = town
  await page.goto(`${BASE}/households`)
  await page.locator(tid('household-head-link')).first().click()
  const drawer = visible(town, 'household-drawer')
  await drawer.locator(tid('household-edit')).click()
  const d = visible(town, 'household-dialog')
  await d.waitFor()
  await d.locator(field('household-head')).fill(`户主${RUN}`)
  await d.locator(tid('household-submit')).click()
  await d.waitFor({ state: 'hidden' })
  await drawer.locator('.el-descriptions', { hasText: `户主${RUN}` }).waitFor()
})

await step(town, 'another session of mine is revoked', async () => {
  const other = await as('town')
  await other.context.close()
  const { page } = town
  await page.goto(`${BASE}/account`)
  await page.locator(tid('revoke-session')).first().click()
  await confirmBox(town)
  await success(town)
})

// ---- system administrator: accounts and regions ----
const admin = await as('admin')
const login = `flow${RUN}`
await step(admin, 'the system administrator creates a village cadre account and renames it', async () => {
  const { page } = admin
  await page.goto(`${BASE}/users`)
  const d = await openDialog(admin, 'user-add', 'user-dialog')
  await d.locator(field('user-login')).fill(login)
  await d.locator(field('user-display-name')).fill(`流程账号${RUN}`)
  await d.locator(tid('user-role')).click()
  const cadre = page.locator('.el-select-dropdown__item:visible', { hasText: '村社妇联干部' })
  await cadre.waitFor()
  const roles = await page.locator('.el-select-dropdown__item:visible').allInnerTexts()
  expect(!roles.some((r) => r.includes('管理员')), `administrator roles offered: ${roles.join(',')}`)
  await cadre.click()
  await d.locator('.el-cascader').click()
  const menus = page.locator('.region-cascader-popper:visible .el-cascader-menu')
  await menus.nth(0).locator('.el-cascader-node', { hasText: '永康市' }).locator('.el-radio').click()
  await page.keyboard.press('Escape')
  expect(await d.locator(tid('user-secret-hint')).isVisible(), 'the dialog says where the one-time password goes')
  await d.locator(field('user-phone')).fill(PHONE)
  await d.locator(tid('user-submit')).click()
  await d.waitFor({ state: 'hidden' })
  // no password yet: the security administrator sends the first one
  await page.locator('.el-message--success', { hasText: '安全管理员' }).waitFor()
  // the list is sorted by login: the new account is found by searching, not on the first page
  await page.locator(field('search-q')).fill(login)
  await page.keyboard.press('Enter')
  const row = page.locator(`${tid('users-table')} tr.el-table__row`, { hasText: login }).first()
  await row.waitFor()
  await row.locator(tid('user-edit')).click()
  await d.waitFor()
  await d.locator(field('user-display-name')).fill(`流程改名${RUN}`)
  await d.locator(tid('user-submit')).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator(`${tid('users-table')} tr.el-table__row`, { hasText: `流程改名${RUN}` }).first().waitFor()
})

const grid = `330784001001${String(100 + (Number(RUN) % 900))}`
await step(admin, 'the system administrator adds a grid, renames it and retires it', async () => {
  const { page } = admin
  await page.goto(`${BASE}/regions`)
  await page.locator(tid('region-node-330784001')).waitFor()
  await page.locator('.el-tree-node__content', { has: page.locator(tid('region-node-330784001')) }).locator('.el-tree-node__expand-icon').click()
  await page.locator(tid('region-node-330784001001')).click()
  await page.locator(tid('region-detail')).filter({ hasText: '330784001001' }).waitFor()
  await page.locator(tid('region-create')).click()
  const d = visible(admin, 'region-dialog')
  await d.locator(field('region-code')).fill(grid)
  await d.locator(field('region-name')).fill(`流程网格${RUN}`)
  await d.locator(tid('region-submit')).click()
  await d.waitFor({ state: 'hidden' })
  const row = page.locator(`${tid('region-children')} tr.el-table__row`, { hasText: grid })
  await row.waitFor()
  await row.click()
  await page.locator(tid('region-detail')).filter({ hasText: grid }).waitFor()
  await page.locator(tid('region-rename')).click()
  await d.locator(field('region-name')).fill(`流程改名网格${RUN}`)
  await d.locator(tid('region-submit')).click()
  await d.waitFor({ state: 'hidden' })
  await page.locator(tid('region-detail')).filter({ hasText: `流程改名网格${RUN}` }).waitFor()
  await page.locator(tid('region-retire')).click()
  await page.locator('.el-message-box__btns .el-button--danger').click()
  await page.locator(tid('region-detail')).filter({ hasText: '已停用' }).waitFor()
})

await step(admin, 'a CSV import reports the bad row and imports nothing, then a good file is imported', async () => {
  const { page } = admin
  admin.expected = ['POST /api/v1/regions/import 400']
  await page.goto(`${BASE}/regions`)
  await page.locator(tid('region-import')).click()
  const d = visible(admin, 'import-dialog')
  const good = `330784001002${String(100 + ((Number(RUN) + 1) % 900))}`
  await d.locator('textarea').fill(`code,name,parent_code\n${good},导入网格${RUN},330784001002\n12345,坏行,330784001002\n`)
  await d.locator(tid('import-submit')).click()
  await d.locator(tid('import-errors')).locator('td', { hasText: '3' }).first().waitFor()
  await d.locator('textarea').fill(`code,name,parent_code\n${good},导入网格${RUN},330784001002\n`)
  await d.locator(tid('import-submit')).click()
  await d.waitFor({ state: 'hidden' })
  await success(admin)
  admin.expected = []
})

// ---- security administrator: lock, unlock, reset ----
const sec = await as('secadmin')
await step(sec, 'the security administrator locks, unlocks and resets the new account', async () => {
  const { page } = sec
  await page.goto(`${BASE}/users`)
  await page.locator(field('search-q')).fill(login)
  await page.keyboard.press('Enter')
  const row = page.locator(`${tid('users-table')} tr.el-table__row`, { hasText: login }).first()
  await row.locator(tid('user-lock')).click()
  await confirmBox(sec)
  await row.locator(tid('user-locked')).waitFor()
  await row.locator(tid('user-lock')).click()
  await confirmBox(sec)
  await row.locator(tid('user-locked')).waitFor({ state: 'detached' })
  await row.locator(tid('user-reset')).click()
  const d = visible(sec, 'reset-dialog')
  // No password to type: the one-time password goes to her phone, shown masked.
  expect((await d.locator(tid('reset-phone')).innerText()).endsWith(PHONE.slice(-4)), 'the reset names the masked phone')
  await d.locator(tid('reset-submit')).click()
  await confirmBox(sec)
  await d.waitFor({ state: 'hidden' })
  await page.locator('.el-message--success', { hasText: PHONE.slice(-4) }).waitFor()
  expect(await page.locator(`${tid('users-table')} tr.el-table__row`, { hasText: 'secadmin' }).locator(tid('user-lock')).count() === 0, 'secadmin may lock itself')
})

// ---- the new account: forced password change, then TOTP enrolment ----
{
  const { page, context } = await newPage(browser, { viewport: VIEWPORT })
  const s = session(page, context)
  await step(s, 'a reset account must change its password first, then may enrol TOTP with the QR code', async () => {
    s.expected = ['GET /api/v1/session 403']
    await page.goto(`${BASE}/login`)
    await page.locator(field('login-input')).fill(login)
    const oneTime = textedSecret(PHONE)
    await page.locator(field('password-input')).fill(oneTime)
    const sent = Date.now()
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/session')
    await page.locator(tid('login-submit')).click()
    await answered
    const received = Date.now()
    await page.locator(tid('forced-password')).waitFor()
    await page.locator(field('pw-old')).fill(oneTime)
    await page.locator(field('pw-new')).fill('Changed-Pass-2026!')
    await page.locator(field('pw-confirm')).fill('Changed-Pass-2026!')
    await page.locator(tid('pw-submit')).click()
    await page.locator(tid('sign-out')).waitFor()
    await page.goto(`${BASE}/account`)
    await page.locator('.el-tabs__item', { hasText: '双因素认证' }).click()
    await page.locator(tid('totp-start')).click()
    await page.locator(tid('totp-qr')).waitFor()
    const secret = (await page.locator(tid('totp-secret')).innerText()).replace(/\s+/g, '')
    // The server's clock need not be this machine's (the e2e server starts at a chosen evening,
    // `--clock-start`): the code is computed at the server's time, learnt from the sign-in it
    // recorded (whole seconds) between the moments the sign-in was sent and answered.
    const history = await page.request.get(`${BASE}/api/v1/session/sign-ins?page_size=1`)
    expect(history.ok(), `sign-in history: ${history.status()}`)
    const signedInAt = Date.parse((await history.json()).items[0].at)
    const offset = signedInAt + 500 - (sent + received) / 2
    await page.locator(field('totp-code')).fill(totp(secret, Date.now() + offset))
    await page.locator(tid('totp-enable')).click()
    await page.locator('.el-alert--success', { hasText: '双因素认证已启用' }).waitFor()
  })
}

await finish(browser)
