// End-to-end test of 普法宣传 (legal education) and the portal's 普法园地: the town's worker opens
// 普法内容 from the menu and adds a video item (a draft, opened at once in its drawer), uploads a
// short WebM with its progress, takes the poster from the video itself (a frame drawn onto a canvas,
// sent as a JPEG) and submits it; the city's reviewer starts on 待审核, finds it there and
// publishes it; on a phone, the portal's column lists it with its poster, and its video plays in
// the browser's own player (the server answering in byte ranges); the city withdraws it and the
// portal no longer lists it; a draft or an item in review never shows on the portal. An event under
// 守护花开 与法"童"行 (filed by the city, whose campaign it is), with a photo, makes the campaign's
// count of school lectures go up. The leader
// has no 普法 in her menu, and /legal-contents is refused her.
// Independent of what the other files change: its item and event are its own (a title of this
// run), found by the ids the server answered.
//   E2E_BASE_URL  E2E_PASSWORD  E2E_SCREENSHOT_DIR  E2E_TIMEOUT_MS
//   HEJIA_DEMO_ASSETS (the demo clip, assets/demo/clip.webm; else one is recorded in the page)
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BASE, PHONE, chooseOption, expect, field, launch, shooter, shotsDir, signIn, signedInApi, stage, tid, until } from './helpers.mjs'

const RUN = String(Date.now()).slice(-6)
const TITLE = `拒绝家暴 从我做起（E2E ${RUN}）`
const EVENT = `守护花开进校园（E2E ${RUN}）`
const browser = await launch()
const shoot = shooter(shotsDir(), 'legal-', { settled: true })
// desk pages, each of its own (open): the sign-in page asks for a session before there is one
const allowed = (a) => a.method === 'GET' && a.path === '/api/v1/session' && a.status === 401
const { step, finish, problems, open } = stage(browser, { shoot, allowed, stopAfterFailure: true })

/** The next answer to METHOD /api/v1<path> (a RegExp for a path with an id). */
const answerTo = (page, method, path) => page.waitForResponse((r) => {
  const p = new URL(r.url()).pathname
  return r.request().method() === method && (path instanceof RegExp ? path.test(p) : p === `/api/v1${path}`)
})
const openMenu = async (page, name) => {
  await page.locator(tid(`menu-${name}`)).click()
  await page.waitForURL(new RegExp(`/${name}(\\?.*)?$`))
}
/** The demo clip (a 4-second WebM), or one recorded here on a canvas when the assets are not at hand. */
async function clipOf(page) {
  const here = dirname(fileURLToPath(import.meta.url))
  const file = join(process.env.HEJIA_DEMO_ASSETS ?? join(here, '..', '..', 'assets', 'demo'), 'clip.webm')
  if (existsSync(file)) return readFileSync(file)
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas')
    c.width = 320
    c.height = 180
    const g = c.getContext('2d')
    const rec = new MediaRecorder(c.captureStream(15), { mimeType: 'video/webm;codecs=vp8' })
    const parts = []
    rec.ondataavailable = (e) => parts.push(e.data)
    const done = new Promise((r) => (rec.onstop = r))
    rec.start()
    const t0 = performance.now()
    await new Promise((resolve) => {
      const frame = () => {
        const t = (performance.now() - t0) / 1000
        g.fillStyle = '#2c3e50'
        g.fillRect(0, 0, 320, 180)
        g.fillStyle = '#e74c3c'
        g.fillRect(40 + t * 60, 60, 60, 60)
        if (t < 2.5) requestAnimationFrame(frame)
        else resolve()
      }
      frame()
    })
    rec.stop()
    await done
    const buf = new Uint8Array(await new Blob(parts).arrayBuffer())
    let s = ''
    for (const x of buf) s += String.fromCharCode(x)
    return btoa(s)
  })
  return Buffer.from(b64, 'base64')
}
/** A small JPEG photo drawn in the page. */
const photoOf = async (page) => Buffer.from((await page.evaluate(() => {
  const c = document.createElement('canvas')
  c.width = 96
  c.height = 64
  const g = c.getContext('2d')
  g.fillStyle = '#16a085'
  g.fillRect(0, 0, 96, 64)
  g.fillStyle = '#fff'
  g.fillRect(20, 20, 56, 24)
  return c.toDataURL('image/jpeg', 0.8)
})).split(',')[1], 'base64')
/** The confirmation box of a review move (its class names the move), confirmed. */
async function confirmBox(page, action) {
  const box = page.locator(`.legal-${action}-box`)
  await box.waitFor()
  await box.locator('.el-button--primary').click()
}

const { page } = await open('town')
let item = null

await step('the town worker opens 普法内容 and adds a video item: a draft, opened in its drawer', async () => {
  await signIn(page, 'town')
  await page.locator(tid('menu-legal-contents')).waitFor()
  const listed = answerTo(page, 'GET', '/legal-contents')
  await openMenu(page, 'legal-contents')
  await listed
  await page.locator(tid('legalContents-table')).waitFor()
  // a worker without legal.publish starts on 全部
  const active = (await page.locator(`${tid('legal-tabs')} .el-tabs__item.is-active`).innerText()).trim()
  expect(active.startsWith('全部'), `the town worker starts on "${active}"`)
  await page.locator(tid('legal-add')).click()
  const dialog = page.locator(`${tid('legal-dialog')}:visible`)
  await dialog.waitFor()
  await dialog.locator(field('legal-title')).fill(TITLE)
  await dialog.locator(tid('legal-kind')).locator('.el-radio', { hasText: '视频' }).click()
  await chooseOption(page, dialog, tid('legal-topic'), '反家暴')
  await dialog.locator(field('legal-producer')).fill('东城街道妇联')
  await dialog.locator('.el-cascader').click()
  const popper = page.locator('.region-cascader-popper:visible')
  await popper.locator('.el-cascader-menu').nth(0).locator('.el-cascader-node', { hasText: '东城街道' }).first().locator('.el-radio').click()
  await until(async () => (await dialog.locator('.el-cascader input').inputValue()) !== '', 'the region shown')
  await dialog.locator('.el-dialog__title').click()
  await popper.waitFor({ state: 'hidden' })
  await dialog.locator(field('legal-summary')).fill('遇到家暴不要忍，12338 帮您')
  await shoot(page, 'create-dialog')
  const created = answerTo(page, 'POST', '/legal-contents')
  await dialog.locator(tid('legal-submit')).click()
  const res = await created
  expect(res.status() === 201, `POST /legal-contents: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  item = await res.json()
  expect(item.status === 'draft' && item.kind === 'video' && item.topic === 'anti_domestic_violence', `saved as ${item.status} ${item.kind} ${item.topic}`)
  expect(item.region_code === '330784001' && !item.media_sha, `saved in ${item.region_code} with media ${item.media_sha}`)
  await dialog.waitFor({ state: 'hidden' })
  const drawer = page.locator(tid('legal-drawer'))
  await drawer.locator(tid('legal-drawer-title')).filter({ hasText: TITLE }).waitFor()
  expect((await drawer.locator(tid('legal-drawer-status')).getAttribute('data-status')) === 'draft', 'the drawer does not say 草稿')
  // not ready for review without its video: offered, disabled, with the reason
  const submit = drawer.locator(tid('legal-action-submit'))
  expect((await submit.getAttribute('data-blocked')) === 'media' && (await submit.isDisabled()), '提交审核 is not held back for the missing video')
  await drawer.locator(tid('legal-no-media')).waitFor()
})

await step('she uploads a short WebM with its progress, and takes the poster from the video itself', async () => {
  const drawer = page.locator(tid('legal-drawer'))
  const clip = await clipOf(page)
  const uploaded = answerTo(page, 'PUT', `/legal-contents/${item.id}/media`)
  await drawer.locator(tid('legal-media-input')).setInputFiles({ name: 'jiabao.webm', mimeType: 'video/webm', buffer: clip })
  const res = await uploaded
  expect(res.status() === 200, `PUT …/media: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  const withMedia = await res.json()
  expect(withMedia.media_mime === 'video/webm' && withMedia.media_size === clip.length, `stored ${withMedia.media_mime}, ${withMedia.media_size} bytes of ${clip.length}`)
  // a video uploaded: the frame dialog is offered at once
  const frame = page.locator(`${tid('legal-frame-dialog')}:visible`)
  await frame.waitFor()
  const use = frame.locator(tid('legal-frame-use'))
  await until(async () => !(await use.isDisabled()), 'the video read in the frame dialog')
  const shown = await frame.locator(tid('legal-frame-video')).evaluate((v) => ({ w: v.videoWidth, h: v.videoHeight, at: v.currentTime, state: v.readyState }))
  expect(shown.w > 0 && shown.h > 0 && shown.state >= 2, `the frame video shows ${JSON.stringify(shown)}`)
  // a little further in, with the slider's keys
  await frame.locator('.el-slider__button-wrapper').focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await shoot(page, 'frame-dialog')
  const posted = answerTo(page, 'PUT', `/legal-contents/${item.id}/poster`)
  await use.click()
  const pres = await posted
  expect(pres.status() === 200, `PUT …/poster: ${pres.status()} ${(await pres.text()).slice(0, 300)}`)
  expect(pres.request().headers()['content-type'] === 'image/jpeg', `the poster went as ${pres.request().headers()['content-type']}`)
  item = await pres.json()
  expect(item.poster_mime === 'image/jpeg' && item.poster_sha, `the poster stored as ${item.poster_mime}`)
  // what is stored is the JPEG the canvas made (the server checks the first bytes too)
  const stored = await (await page.request.get(`${BASE}/api/v1/legal-contents/${item.id}/poster`)).body()
  expect(stored[0] === 0xff && stored[1] === 0xd8 && stored.length > 1000, `the stored poster (${stored.length} bytes) is not a JPEG frame`)
  await frame.waitFor({ state: 'hidden' })
  const img = drawer.locator(tid('legal-poster-img'))
  await img.waitFor()
  await until(() => img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the poster shown in the drawer')
  expect((await img.evaluate((i) => [i.naturalWidth, i.naturalHeight]))[0] === shown.w, 'the poster is not the size of the video')
  await drawer.locator(tid('legal-preview-video')).waitFor()
  await shoot(page, 'drawer-ready')
})

await step('she submits it: 待审核, and it can no longer be edited', async () => {
  const drawer = page.locator(tid('legal-drawer'))
  const submit = drawer.locator(tid('legal-action-submit'))
  await until(async () => !(await submit.isDisabled()), '提交审核 offered once the video is there')
  const moved = answerTo(page, 'POST', `/legal-contents/${item.id}/submit`)
  await submit.click()
  await confirmBox(page, 'submit')
  const res = await moved
  expect(res.status() === 200, `POST …/submit: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  item = await res.json()
  expect(item.status === 'review', `submitted as ${item.status}`)
  await drawer.locator(`${tid('legal-drawer-status')}[data-status="review"]`).waitFor()
  expect(!(await drawer.locator(tid('legal-drawer-edit')).count()) && !(await drawer.locator(tid('legal-media-upload')).count()), 'an item in review can still be edited')
  await shoot(page, 'submitted')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
  const row = page.locator('.el-table__row', { has: page.locator(`${tid('legal-row-title')}[data-content-id="${item.id}"]`) })
  await until(async () => (await row.locator(tid('legal-row-status')).innerText().catch(() => '')).includes('待审核'), 'the row saying 待审核')
})

const { page: city } = await open('city')
const cityRow = (id) => city.locator('.el-table__row', { has: city.locator(`${tid('legal-row-title')}[data-content-id="${id}"]`) })

await step('the city reviewer starts on 待审核 (with its count), finds the item there and publishes it', async () => {
  await signIn(city, 'city')
  const listed = city.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/legal-contents' && new URL(r.url()).searchParams.get('status') === 'review' && new URL(r.url()).searchParams.has('page_size') && new URL(r.url()).searchParams.get('page_size') !== '1')
  await openMenu(city, 'legal-contents')
  await listed
  const active = (await city.locator(`${tid('legal-tabs')} .el-tabs__item.is-active`).innerText()).trim()
  expect(active.startsWith('待审核'), `the reviewer starts on "${active}"`)
  const count = Number((await city.locator(`${tid('legal-review-count')} .el-badge__content`).innerText()).trim())
  expect(count >= 2, `待审核 counts ${count} (the demo's item and this one)`)
  await cityRow(item.id).waitFor()
  const statuses = await city.locator(`${tid('legalContents-table')} tr.el-table__row ${tid('legal-row-status')}`).allInnerTexts()
  expect(statuses.length > 0 && statuses.every((s) => s.trim() === '待审核'), `待审核 lists ${statuses.join(', ')}`)
  await shoot(city, 'review-list')
  const moved = answerTo(city, 'POST', `/legal-contents/${item.id}/publish`)
  await cityRow(item.id).locator(tid('legal-action-publish')).click()
  await confirmBox(city, 'publish')
  const res = await moved
  expect(res.status() === 200, `POST …/publish: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  item = await res.json()
  expect(item.status === 'published' && item.published_at, `published as ${item.status} at ${item.published_at}`)
  await until(async () => (await cityRow(item.id).count()) === 0, 'the item leaving 待审核')
})

const { page: phone, expecting: phoneExpecting } = await open('portal', { viewport: PHONE, phone: true })
const portalItem = (id) => phone.locator(`${tid('legal-item')}[data-item-id="${id}"]`)

await step('on a phone, the portal\'s 普法园地 lists it first with its poster; its video plays in byte ranges', async () => {
  await phone.goto(`${BASE}/life/`)
  await phone.locator(tid('home-legal')).click()
  await phone.waitForURL(`${BASE}/life/e`)
  await phone.locator(tid('quick-exit')).waitFor()
  expect((await phone.locator(tid('legal-hotline')).getAttribute('href')) === 'tel:12338', 'no hotline link on the column')
  const mine = portalItem(item.id)
  await mine.waitFor()
  expect((await phone.locator(tid('legal-item')).first().getAttribute('data-item-id')) === String(item.id), 'the newest item is not listed first')
  const poster = mine.locator(tid('legal-poster'))
  expect((await poster.getAttribute('loading')) === 'lazy' && (await poster.getAttribute('width')) && (await poster.getAttribute('height')), 'the poster is not lazy with its size')
  await until(() => poster.evaluate((i) => i.complete && i.naturalWidth > 0), 'the poster shown on the portal')
  await shoot(phone, 'portal-list')
  // the topic's chip keeps it, another topic's does not
  await phone.locator(tid('legal-topic-anti_fraud')).click()
  await phone.locator(tid('legal-item')).first().waitFor()
  expect(!(await mine.count()), 'listed under 防诈骗')
  await phone.locator(tid('legal-topic-anti_domestic_violence')).click()
  await mine.waitFor()
  await mine.locator(tid('legal-item-open')).click()
  const video = mine.locator(tid('legal-video'))
  await video.waitFor()
  expect((await video.getAttribute('preload')) === 'none', 'the player preloads')
  const media = `/api/v1/public/legal/${item.id}/media`
  const ranged = phone.waitForResponse((r) => new URL(r.url()).pathname === media)
  await video.evaluate((v) => {
    v.muted = true
    return v.play()
  })
  const res = await ranged
  expect(res.status() === 206, `the media answered ${res.status()}, not 206`)
  expect(/^bytes 0-\d+\/\d+$/.test(res.headers()['content-range'] ?? ''), `Content-Range ${res.headers()['content-range']}`)
  await until(() => video.evaluate((v) => v.readyState >= 2 && v.currentTime > 0.2), 'the video playing')
  await shoot(phone, 'portal-playing')
  await video.evaluate((v) => v.pause())
})

await step('a draft or an item in review never shows on the portal', async () => {
  const api = await signedInApi(browser, 'city')
  const hidden = [
    ...(await api.json('GET', '/legal-contents?status=draft&page_size=100')).items,
    ...(await api.json('GET', '/legal-contents?status=review&page_size=100')).items,
  ]
  await api.close()
  expect(hidden.length >= 2, `only ${hidden.length} drafts and items in review in the demo city`)
  const listed = await (await phone.request.get(`${BASE}/api/v1/public/legal?page_size=100`)).json()
  const ids = new Set(listed.items.map((x) => x.id))
  const shown = hidden.filter((x) => ids.has(x.id))
  expect(shown.length === 0, `the portal lists ${shown.map((x) => x.title).join(', ')}`)
  for (const x of hidden.slice(0, 3)) {
    for (const tail of ['', '/media', '/poster']) {
      const r = await phone.request.get(`${BASE}/api/v1/public/legal/${x.id}${tail}`)
      expect(r.status() === 404, `GET /public/legal/${x.id}${tail} answered ${r.status()} for a ${x.status}`)
    }
  }
})

await step('the city withdraws it, and the portal no longer lists it', async () => {
  const listed = answerTo(city, 'GET', '/legal-contents')
  await city.locator(tid('legal-tab-published')).click()
  await listed
  await cityRow(item.id).waitFor()
  const moved = answerTo(city, 'POST', `/legal-contents/${item.id}/withdraw`)
  await cityRow(item.id).locator(tid('legal-action-withdraw')).click()
  await confirmBox(city, 'withdraw')
  const res = await moved
  expect(res.status() === 200, `POST …/withdraw: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  expect((await res.json()).status === 'withdrawn', 'not withdrawn')
  await until(async () => (await cityRow(item.id).count()) === 0, 'the item leaving 已发布')
  // the portal, opened again: the item is gone, and so is its file
  await phone.goto(`${BASE}/life/`)
  await phone.locator(tid('home-legal')).click()
  await phone.locator(tid('legal-item')).first().waitFor()
  expect(!(await portalItem(item.id).count()), 'the withdrawn item is still listed')
  await phoneExpecting([], async () => {
    const r = await phone.request.get(`${BASE}/api/v1/public/legal/${item.id}/media`)
    expect(r.status() === 404, `its media answered ${r.status()}`)
  })
  await shoot(phone, 'portal-after-withdraw')
})

let held = 0
const flowersRow = () => city.locator('.el-table__row', { has: city.locator(tid('campaign-row'), { hasText: '守护花开' }) })

// The campaigns are the city's: a town's worker does not list them (her lists are her town's), but
// her event form offers them (GET /legal-campaigns/choices: her area's and those above it).
await step('a town worker\'s event form offers the city\'s 守护花开 and her town\'s brand', async () => {
  await openMenu(page, 'legal-events')
  await page.locator(tid('legalEvents-table')).waitFor()
  await page.locator(tid('legal-add')).click()
  const dialog = page.locator(`${tid('event-dialog')}:visible`)
  await dialog.waitFor()
  await chooseOption(page, dialog, tid('event-campaign'), '守护花开')
  await until(async () => (await dialog.locator(tid('event-campaign')).innerText()).includes('守护花开'), 'the campaign chosen')
  await chooseOption(page, dialog, tid('event-brand'), '东城街道')
  await shoot(page, 'town-event-owners')
  await dialog.locator('.el-dialog__headerbtn').click()
  await dialog.waitFor({ state: 'hidden' })
})

// The city's worker files a school lecture of a town under 守护花开 and sees the campaign count it.
await step('an event under 守护花开 与法"童"行, with a photo, adds to the campaign\'s school lectures', async () => {
  await openMenu(city, 'legal-campaigns')
  await flowersRow().waitFor()
  const progress = flowersRow().locator(tid('campaign-progress'))
  held = Number(await progress.getAttribute('data-held'))
  expect(Number(await progress.getAttribute('data-target')) === 100 && held >= 100, `守护花开 reads ${held} of ${await progress.getAttribute('data-target')}`)
  await shoot(city, 'campaigns-before')
  await openMenu(city, 'legal-events')
  await city.locator(tid('legalEvents-table')).waitFor()
  await city.locator(tid('legal-add')).click()
  const dialog = city.locator(`${tid('event-dialog')}:visible`)
  await dialog.waitFor()
  await dialog.locator(field('event-title')).fill(EVENT)
  await chooseOption(city, dialog, tid('event-kind'), '法治进校园讲座')
  const when = dialog.locator('.el-date-editor--datetime input')
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
  await when.fill(`${today} 10:00`)
  await when.press('Enter')
  await until(async () => (await when.inputValue()) === `${today} 10:00`, 'the time taken')
  await dialog.locator('.el-cascader').click()
  const popper = city.locator('.region-cascader-popper:visible')
  // the city's picker starts at the city: its towns, then 东城街道 by its radio
  await popper.locator('.el-cascader-menu').nth(0).locator('.el-cascader-node').first().click()
  await popper.locator('.el-cascader-menu').nth(1).locator('.el-cascader-node', { hasText: '东城街道' }).first().locator('.el-radio').click()
  await until(async () => (await dialog.locator('.el-cascader input').inputValue()) !== '', 'the region shown')
  await dialog.locator('.el-dialog__title').click()
  await popper.waitFor({ state: 'hidden' })
  await chooseOption(city, dialog, tid('event-campaign'), '守护花开')
  await chooseOption(city, dialog, tid('event-audience'), '学生')
  await dialog.locator(field('event-venue')).fill('东城中心小学报告厅')
  await dialog.locator(field('event-speakers')).fill('法律顾问、妇联干部')
  await shoot(city, 'event-dialog')
  const created = answerTo(city, 'POST', '/legal-events')
  await dialog.locator(tid('event-submit')).click()
  const res = await created
  expect(res.status() === 201, `POST /legal-events: ${res.status()} ${(await res.text()).slice(0, 300)}`)
  const event = await res.json()
  expect(event.kind === 'school_lecture' && event.campaign_id > 0 && event.audience === 'students', `saved as ${event.kind} under ${event.campaign_id}`)
  await dialog.waitFor({ state: 'hidden' })
  // its photo
  await city.locator(field('events-q')).fill(EVENT)
  await city.locator(tid('search-submit')).click()
  const row = city.locator('.el-table__row', { has: city.locator(`${tid('event-row')}[data-event-id="${event.id}"]`) })
  await row.waitFor()
  await row.locator(tid('event-photos')).click()
  const photos = city.locator(`${tid('event-photos-dialog')}:visible`)
  await photos.waitFor()
  await photos.locator(tid('event-photos-none')).waitFor()
  const added = answerTo(city, 'POST', `/legal-events/${event.id}/photos`)
  await photos.locator(tid('event-photo-input')).setInputFiles({ name: 'lecture.jpg', mimeType: 'image/jpeg', buffer: await photoOf(city) })
  const pres = await added
  expect(pres.status() === 201, `POST …/photos: ${pres.status()} ${(await pres.text()).slice(0, 300)}`)
  const shown = photos.locator(`${tid('event-photo')} img`).first()
  await shown.waitFor()
  await until(() => shown.evaluate((i) => i.complete && i.naturalWidth > 0), 'the photo shown')
  await shoot(city, 'event-photos')
  await photos.locator('.el-dialog__headerbtn').click()
  await photos.waitFor({ state: 'hidden' })
  await until(async () => (await row.locator(tid('event-photo-count')).innerText()).trim() === '1', 'the row counting 1 photo')
  // the campaign counts it
  await openMenu(city, 'legal-campaigns')
  await until(async () => Number(await flowersRow().locator(tid('campaign-progress')).getAttribute('data-held')) === held + 1, `守护花开 counting ${held + 1}`)
  const text = await flowersRow().locator(tid('campaign-progress')).innerText()
  expect(text.includes(`${held + 1} / 100`), `the progress reads "${text}"`)
  await shoot(city, 'campaigns-after')
})

const { page: leader } = await open('leader')

await step('the leader has no 普法宣传, and /legal-contents is refused her', async () => {
  await signIn(leader, 'leader')
  const menu = leader.locator('.app-menu')
  await menu.locator(tid('menu-home')).waitFor()
  for (const name of ['legal-contents', 'legal-events', 'legal-campaigns', 'legal-brands'])
    expect(!(await menu.locator(tid(`menu-${name}`)).count()), `the leader's menu has ${name}`)
  expect(!(await menu.innerText()).includes('普法'), 'the leader\'s menu reads 普法')
  await leader.goto(`${BASE}/legal-contents`)
  await leader.waitForURL(/\/forbidden$/)
  const r = await leader.request.get(`${BASE}/api/v1/legal-contents`)
  expect(r.status() === 403, `GET /legal-contents as the leader: ${r.status()}`)
  await shoot(leader, 'leader')
})

await step('no console errors and no unexpected error answers', async () => {
  expect(problems.length === 0, problems.join('\n'))
})

await finish(browser, 'legal e2e: ')
