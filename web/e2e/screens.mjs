// A screenshot tour of every console page, for looking at the UI as a user would (not a test:
// it fails only when a page cannot be reached). Desktop 1366x768 and phone 390x844.
//   E2E_BASE_URL (default http://127.0.0.1:8080)  E2E_PASSWORD (default Hejia-Demo-2026)
//   E2E_SCREENSHOT_DIR (default web/test-results/screens)  SCREENS_ONLY=desktop|phone
import { BASE, PHONE, field, launch, newPage, shooter, shotsDir, signIn, tid, watchPage } from './helpers.mjs'

const OUT = shotsDir('screens')
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', ...PHONE },
].filter((v) => !process.env.SCREENS_ONLY || v.name === process.env.SCREENS_ONLY)

const problems = []
// a desk shows tables, a phone one card per record
const peopleRows = `${tid('people-table')} tr.el-table__row, ${tid('people-list')} .m-card`
const householdRows = `${tid('households-table')} tr.el-table__row, ${tid('households-list')} .m-card`
const userRows = `${tid('users-table')} tr.el-table__row`
/** The button `action` on the row of the user town2 (the second town's staff account). */
const onTown2 = (page, action) => page.locator(userRows, { hasText: 'town2' }).locator(tid(action)).first().click()

const browser = await launch()
// error answers the tour causes on purpose (signed-out probe, wrong password, bad CSV) are fine
const DELIBERATE = ['GET /api/v1/session 401', 'POST /api/v1/session 401', 'POST /api/v1/regions/import 400']

async function session(vp, login, locale = 'zh-CN') {
  const phone = vp.name === 'phone'
  const { context, page } = await newPage(browser, { viewport: { width: vp.width, height: vp.height }, phone, locale, scale: 1 })
  watchPage(page, { problems, label: `${vp.name}/${login}: `, allowed: (a) => DELIBERATE.includes(`${a.method} ${a.path} ${a.status}`) })
  if (locale === 'en') await page.addInitScript(() => localStorage.setItem('hejia.locale', 'en'))
  if (login) await signIn(page, login)
  const snap = shooter(OUT, `${vp.name}-${login || 'anon'}${locale === 'en' ? '-en' : ''}-`)
  const shot = async (name, fullPage = false) => {
    await page.waitForTimeout(350) // let transitions finish
    await snap(page, name, fullPage)
  }
  const go = async (path, ready) => {
    await page.goto(`${BASE}${path}`)
    if (ready) await page.locator(ready).first().waitFor()
    await page.waitForLoadState('networkidle')
  }
  return { context, page, shot, go }
}

async function tour(name, fn) {
  try {
    await fn()
    console.log(`ok   - ${name}`)
  } catch (e) {
    problems.push(`${name}: ${String(e?.message ?? e).split('\n')[0]}`)
    console.log(`FAIL - ${name}: ${String(e?.message ?? e).split('\n')[0]}`)
  }
}

/** Opens a dialog with its button and photographs it as `name`. */
async function openDialog(page, shot, button, dialog, name) {
  await page.locator(tid(button)).click()
  await page.locator(`${tid(dialog)}:visible`).waitFor()
  await shot(name)
}

/** A tour signed in as `login`, in a browser context of its own that is closed however it ends. */
async function tourAs(vp, login, name, fn) {
  await tour(`${vp.name}: ${name}`, async () => {
    const s = await session(vp, login)
    try {
      await fn(s)
    } finally {
      await s.context.close()
    }
  })
}

for (const vp of VIEWPORTS) {
  await tour(`${vp.name}: sign-in page`, async () => {
    const s = await session(vp, null)
    await s.go('/login', tid('login-submit'))
    await s.shot('sign-in')
    await s.page.locator(field('login-input')).fill('town')
    await s.page.locator(field('password-input')).fill('wrong-Password-1')
    await s.page.locator(tid('login-submit')).click()
    await s.page.locator(tid('login-error')).waitFor()
    await s.shot('sign-in-error')
    await s.context.close()
    const en = await session(vp, null, 'en')
    await en.go('/login', tid('login-submit'))
    await en.shot('sign-in')
    await en.context.close()
  })

  await tourAs(vp, 'town', 'town staff', async ({ page, shot, go }) => {
    await go('/', tid('sign-out'))
    await shot('home')
    if (vp.name === 'phone') {
      await page.locator(tid('menu-toggle')).click()
      await page.locator('.menu-drawer').waitFor()
      await shot('menu')
      await page.keyboard.press('Escape')
    }
    await go('/people', peopleRows)
    await shot('people')
    await shot('people-full', true)
    await page.locator(tid('person-name-link')).first().click()
    await page.locator(`${tid('person-drawer')}:visible ${tid('detail-phone')}`).waitFor()
    await shot('person-drawer')
    await page.locator(`${tid('person-drawer')}:visible ${tid('show-full')}`).click()
    await page.locator(`${tid('person-drawer')}:visible ${tid('hide-full')}`).waitFor()
    await shot('person-revealed')
    await page.locator(`${tid('person-drawer')}:visible ${tid('person-edit')}`).click()
    await page.locator(`${tid('person-dialog')}:visible`).waitFor()
    await shot('person-edit')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)
    await go('/people', peopleRows)
    await page.locator(tid('person-add')).click()
    const dlg = page.locator(`${tid('person-dialog')}:visible`)
    await dlg.waitFor()
    await shot('person-create')
    await dlg.locator(tid('person-submit')).click()
    await page.waitForTimeout(300)
    await shot('person-create-required')
    await dlg.locator(field('person-id-number')).fill('330784198506121239') // a male number
    await dlg.locator(tid('gender-female')).click()
    await dlg.locator(field('person-phone')).fill('1391234')
    await dlg.locator(tid('person-submit')).click()
    await page.waitForTimeout(300)
    await shot('person-create-mismatch')
    await page.keyboard.press('Escape')
    await go('/households', householdRows)
    await shot('households')
    await page.locator(tid('household-head-link')).first().click()
    await page.locator(`${tid('household-drawer')} ${tid('member-name')}`).first().waitFor()
    await page.waitForLoadState('networkidle')
    await shot('household-drawer')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(400)
    await openDialog(page, shot, 'household-add', 'household-dialog', 'household-create')
    await page.locator(`${tid('household-dialog')}:visible .el-cascader`).first().click()
    await page.locator('.region-cascader-popper:visible .el-cascader-node').first().waitFor()
    await shot('household-grid-picker')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await go('/account', tid('sessions-table'))
    await shot('account-sessions')
    await page.locator('.el-tabs__item', { hasText: '登录记录' }).click()
    await page.locator(`${tid('signins-table')} tr.el-table__row, ${tid('signins-table')} .m-card`).first().waitFor()
    await shot('account-sign-ins')
    await page.locator('.el-tabs__item', { hasText: '修改密码' }).click()
    await page.locator(field('pw-new')).fill('short')
    await page.locator(field('pw-old')).click()
    await shot('account-password')
    await page.locator('.el-tabs__item', { hasText: '双因素认证' }).click()
    await page.locator(tid('totp-start')).click()
    await page.locator(tid('totp-qr')).waitFor()
    await shot('account-totp')
    await go('/no-such-page')
    await shot('not-found')
  })

  await tour(`${vp.name}: town staff in English`, async () => {
    const { context, page, shot, go } = await session(vp, 'town', 'en')
    await go('/people', peopleRows)
    await shot('people')
    await page.locator(tid('person-name-link')).first().click()
    await page.locator(`${tid('person-drawer')}:visible ${tid('detail-phone')}`).waitFor()
    await shot('person-drawer')
    await page.keyboard.press('Escape')
    await go('/households', householdRows)
    await shot('households')
    await go('/account', tid('sessions-table'))
    await shot('account')
    await context.close()
  })

  await tourAs(vp, 'admin', 'system administrator', async ({ page, shot, go }) => {
    await go('/', tid('sign-out'))
    await shot('home')
    await go('/regions', tid('region-tree'))
    await page.locator('[data-testid^="region-node-"]').first().waitFor()
    await page.waitForLoadState('networkidle')
    await shot('regions')
    await page.locator('[data-testid="region-node-330784001"]').click()
    await page.locator(tid('region-detail')).waitFor()
    await page.waitForLoadState('networkidle')
    await shot('region-selected')
    await openDialog(page, shot, 'region-create', 'region-dialog', 'region-create')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    await openDialog(page, shot, 'region-move', 'region-dialog', 'region-move')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    await page.locator(tid('region-import')).click()
    await page.locator(`${tid('import-dialog')}:visible`).waitFor()
    await page.locator(`${tid('import-dialog')}:visible textarea`).fill('code,name,parent_code\n330784001001009,测试网格,330784001001\n33078400100100X,坏代码,330784001001\n')
    await page.locator(tid('import-submit')).click()
    await page.locator(tid('import-errors')).waitFor().catch(() => {})
    await shot('region-import-errors')
    await page.keyboard.press('Escape')
    await go('/users', userRows)
    await shot('users')
    await openDialog(page, shot, 'user-add', 'user-dialog', 'user-create')
    await page.locator(`${tid('user-dialog')}:visible`).locator(tid('user-role')).click()
    await page.waitForTimeout(300)
    await shot('user-create-roles')
    await page.keyboard.press('Escape')
    await page.locator(`${tid('user-dialog')}:visible .el-dialog__headerbtn`).click()
    await page.locator(`${tid('user-dialog')}`).waitFor({ state: 'hidden' })
    await onTown2(page, 'user-edit')
    await page.locator(`${tid('user-dialog')}:visible`).waitFor()
    await shot('user-edit')
  })

  await tourAs(vp, 'secadmin', 'security administrator', async ({ page, shot, go }) => {
    await go('/users', userRows)
    await shot('users')
    await onTown2(page, 'user-reset')
    await page.locator(`${tid('reset-dialog')}:visible`).waitFor()
    await shot('user-reset')
  })

  await tourAs(vp, 'auditor', 'audit administrator', async ({ page, shot, go }) => {
    await go('/audit', `${tid('audit-table')} tr.el-table__row`)
    await shot('audit')
    await page.locator(tid('audit-verify')).click()
    await page.locator(tid('audit-verify-result')).waitFor()
    await shot('audit-verify')
    await page.keyboard.press('Escape')
    await go('/account', tid('sessions-table'))
    await shot('account')
  })

  await tourAs(vp, 'mediator', 'mediator', async ({ page, shot, go }) => {
    await go('/people', peopleRows)
    await page.locator(tid('person-name-link')).first().click()
    await page.locator(`${tid('person-drawer')}:visible ${tid('detail-phone')}`).waitFor()
    await shot('person-drawer')
  })

  await tourAs(vp, 'leader', 'leader', async ({ shot, go }) => {
    await go('/', tid('sign-out'))
    await shot('home')
  })
}

await browser.close()
console.log(`screenshots in ${OUT}`)
if (problems.length) {
  console.log(`problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
