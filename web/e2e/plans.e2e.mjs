// End-to-end test of a household plan (一户一策) and the to-do lists: 东城街道's worker opens her
// to-do, then a red family's plan, writes a new version — a measure she takes on herself (the
// client names the missing due date first), the safety plan opened (an audited read) with a safe
// contact whose phone is wrong, then right — saves the draft and submits it: a red family's plan
// waits for the city. The city, on a 390 px phone, finds it under 待会签 in her to-do, opens it
// and countersigns it. The worker marks her measure done with its result. The grid sister's
// to-do shows her contacts only, without colour.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
import { BASE, PHONE, expect, field, launch, shooter, shotsDir, signIn, signedInApi, stage, tid, until } from './helpers.mjs'

const browser = await launch()
const snap = shooter(shotsDir(), 'plans-', { settled: true })
const { step, finish, problems, open } = stage(browser, { shoot: snap, stopAfterFailure: true })
const { page: desk } = await open('desk')
const { page: phone } = await open('phone', { viewport: PHONE, phone: true, scale: 1 })
const toast = (page, text) => page.locator('.el-message', { hasText: text }).first().waitFor()
async function openPlanTab(page) {
  await page.locator('.el-tabs__item', { hasText: /一户一策/ }).first().click()
  await page.locator(tid('plan-panel')).waitFor()
  await page.locator(`${tid('plan-panel')} > .el-loading-mask`).waitFor({ state: 'detached' }).catch(() => {})
}

let familyId = 0
let measureIndex = 0

await step('a red family of 东城街道 with a plan in force and no version under way', async () => {
  // the API as the worker (its own context), for finding the family to work on
  const town = await signedInApi(browser, 'town')
  const list = await town.json('GET', '/key-families?page_size=100')
  for (const f of list.items.filter((x) => x.colour === 'red' && !x.retired)) {
    const plans = await town.json('GET', `/key-families/${f.id}/plans`)
    if (plans.items.some((p) => p.status === 'active') && !plans.items.some((p) => p.status === 'draft' || p.status === 'awaiting_countersign')) {
      familyId = f.id
      break
    }
  }
  await town.close()
  expect(familyId > 0, 'no red family with an active plan in 东城街道')
})

await step('the worker\'s to-do: the counts, overdue first', async () => {
  await signIn(desk, 'town')
  await desk.goto(`${BASE}/todo`)
  await desk.locator(tid('todo-page')).waitFor()
  await until(async () => /\d/.test(await desk.locator(`${tid('todo-count-total')} .stat-value`).innerText()), 'the counts')
  const items = desk.locator(tid('todo-item'))
  if ((await items.count()) > 1 && (await desk.locator(`${tid('todo-item')}.overdue`).count()) > 0)
    expect(await items.first().evaluate((e) => e.classList.contains('overdue')), 'an overdue item comes first')
  await snap(desk, 'town-todo')
})

await step('the family\'s plan: the version in force, its measures and its safety plan sealed', async () => {
  await desk.goto(`${BASE}/key-families/${familyId}`)
  await openPlanTab(desk)
  await desk.locator(tid('plan-active')).waitFor()
  expect(await desk.locator(tid('plan-due-banner')).count() === 0, 'a family with a plan in force is told to write one')
  expect(!(await desk.locator(tid('safety-content')).count()), 'the safety plan shown before it was asked for')
  await snap(desk, 'town-plan')
})

await step('a new version: the missing due date named before anything is sent', async () => {
  await desk.locator(tid('plan-new')).click()
  await desk.locator(tid('plan-editor')).waitFor()
  await toast(desk, /已创建第 \d+ 版草稿/)
  measureIndex = await desk.locator(`${tid('plan-measures-editor')} > .measure`).count()
  await desk.locator(tid('measure-add')).click()
  await desk.locator(`${tid(`measure-${measureIndex}`)} .claim`).click()
  await desk.locator(field(`measure-${measureIndex}-detail`)).fill('每周电话回访一次')
  await desk.locator(tid('plan-save-submit')).click()
  await toast(desk, '方案还不完整')
  await desk.locator(`${tid(`measure-${measureIndex}`)} .el-form-item__error`, { hasText: '完成期限' }).waitFor()
  const due = new Date(Date.now() + 30 * 24 * 3600e3 + 8 * 3600e3).toISOString().slice(0, 10)
  const input = desk.locator(`${tid(`measure-${measureIndex}`)} .due input`)
  await input.click()
  await input.fill(due)
  await input.press('Enter')
  await until(async () => !(await desk.locator(`${tid(`measure-${measureIndex}`)} .el-form-item__error`).count()), 'the due date\'s message gone')
})

await step('the safety plan opened on request, a wrong phone refused, then the draft saved', async () => {
  const reveal = desk.locator(tid('editor-safety-reveal'))
  if (await reveal.count()) await reveal.click()
  else await desk.locator(tid('editor-safety-add')).click()
  await desk.locator(`${tid('plan-editor-safety')} .contacts`).waitFor()
  const c = await desk.locator(`${tid('plan-editor-safety')} .contact`).count()
  expect(c < 5, 'five safe contacts already')
  await desk.locator(tid('safe-contact-add')).click()
  await desk.locator(field(`safe-contact-${c}-name`)).fill('周阿姨')
  await desk.locator(field(`safe-contact-${c}-phone`)).fill('1380000')
  await desk.locator(tid('plan-save-draft')).click()
  await desk.locator(`${tid(`safe-contact-${c}`)} .el-form-item__error`, { hasText: '号码' }).waitFor()
  await desk.locator(field(`safe-contact-${c}-phone`)).fill('138 0000 5678')
  await snap(desk, 'town-editor')
  await desk.locator(tid('plan-save-draft')).click()
  await toast(desk, '草稿已保存')
  await desk.locator(tid('plan-editor')).waitFor({ state: 'hidden' })
  await desk.locator(tid('plan-working')).waitFor()
})

await step('submitted, a red family\'s plan waits for the city; its author may not countersign it', async () => {
  await desk.locator(tid('plan-submit')).click()
  await desk.locator('.el-message-box__btns .el-button--primary').click()
  await toast(desk, '等待上一级会签')
  await desk.locator(tid('plan-countersign-pending')).waitFor()
  expect(!(await desk.locator(tid('plan-countersign')).count()), 'the author is offered countersigning')
  await snap(desk, 'town-awaiting')
})

await step('the city, on a phone, finds it under 待会签 and countersigns it', async () => {
  await signIn(phone, 'city')
  await phone.goto(`${BASE}/todo`)
  const group = phone.locator(tid('todo-group-countersign'))
  await group.waitFor()
  await snap(phone, 'city-todo')
  await group.locator(tid('todo-item')).first().click()
  await until(() => phone.url().includes('/key-families/'), 'the family opened')
  await openPlanTab(phone)
  await phone.locator(tid('plan-countersign')).click()
  await phone.locator(field('plan-countersign-note')).fill('同意，请按期落实')
  await phone.locator(tid('plan-countersign-submit')).click()
  await toast(phone, '已会签')
  await phone.locator(tid('plan-working')).waitFor({ state: 'detached' })
  await phone.locator(tid('plan-history')).waitFor()
  await snap(phone, 'city-countersigned')
})

await step('the worker marks her measure done with its result', async () => {
  await desk.reload()
  await openPlanTab(desk)
  await desk.locator(tid('plan-active')).waitFor()
  const rows = desk.locator(`${tid('plan-active')} .el-table__body tr`)
  await until(async () => (await rows.count()) > measureIndex, 'the new measure listed')
  await rows.nth(measureIndex).locator(tid('measure-update')).click()
  await desk.locator(tid('measure-dialog')).locator('.el-radio-button', { hasText: '已完成' }).click()
  await desk.locator(tid('measure-submit')).click()
  await desk.locator(`${tid('measure-dialog')} .el-form-item__error`, { hasText: '结果' }).waitFor()
  await desk.locator(field('measure-result')).fill('已回访，情况稳定')
  await desk.locator(tid('measure-submit')).click()
  await toast(desk, '措施状态已更新')
  await until(async () => (await rows.nth(measureIndex).innerText()).includes('已回访，情况稳定'), 'the result shown')
  await snap(desk, 'town-measure-done')
})

await step('the grid sister\'s to-do: her contacts (and her grid\'s police pushes), no colour', async () => {
  const { page: sister } = await open('sister', { viewport: PHONE, phone: true, scale: 1 })
  await signIn(sister, 'gridsister', { ready: tid('phone-home') }) // on a phone she lands on /m
  await sister.goto(`${BASE}/todo`)
  await sister.locator(tid('todo-page')).waitFor()
  await until(async () => /\d/.test(await sister.locator(`${tid('todo-count-total')} .stat-value`).innerText()), 'the counts')
  const kinds = await sister.locator('[data-testid^="todo-group-"]').evaluateAll((els) => els.map((e) => e.dataset.testid))
  // Hers: the key families' contacts, and the police pushes of her grid when the demo's year of
  // incidents put one there; nothing of the plans, reviews or countersigning.
  expect(kinds.includes('todo-group-contact') && kinds.every((k) => k === 'todo-group-contact' || k === 'todo-group-push'),
    `a grid sister sees ${kinds.join(', ')}`)
  expect(!(await sister.locator(`${tid('todo-page')} .dot`).count()), 'a grid sister is shown a colour')
  await snap(sister, 'gridsister-todo')
})

await step('no error answers or console errors', async () => {
  const real = problems.filter((p) => !/GET \/api\/v1\/session -> 401/.test(p))
  expect(!real.length, real.join('\n'))
})

await finish(browser, 'plans: ')
