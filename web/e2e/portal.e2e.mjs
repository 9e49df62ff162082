// End-to-end test of the public portal 维权微家 (/life; /portal still opens it) against a running HeJia server, on a
// phone-sized screen (390x844), as a citizen without an account.
//   E2E_BASE_URL (default http://127.0.0.1:8080)  E2E_SCREENSHOT_DIR (default web/test-results)
//   E2E_TIMEOUT_MS (default 15000)  E2E_POW_TIMEOUT_MS (default 120000, the proof of work)
// Ends with "N passed, M failed" and a non-zero exit code on any failure.
import { createHash } from 'node:crypto'
import { BASE, ORIGIN, PHONE, expect, field, launch, newPage, pickInColumn, shooter, shotsDir, slug, steps, tid, watchPage } from './helpers.mjs'

const POW_TIMEOUT = Number(process.env.E2E_POW_TIMEOUT_MS ?? 120000)
// a Vant field carries the test id on its row; the <input>/<textarea> is inside
const input = field
const leadingZeroBits = (hex) => {
  let n = 0
  for (const c of hex) {
    const v = parseInt(c, 16)
    if (v === 0) {
      n += 4
      continue
    }
    return n + Math.clz32(v) - 28
  }
  return n
}

const browser = await launch()
const { page } = await newPage(browser, { viewport: PHONE, phone: true, scale: 1 })
const snap = shooter(shotsDir(), 'portal-')
const shot = (name, fullPage = false) => snap(page, name, fullPage)
const { step, finish } = steps({ onFail: (name) => shot(`FAIL-${slug(name)}`) })

// Every answer >= 400 fails the run unless the step running expects it; so does any console
// error (CSP violations, exceptions, Vue warnings) and any request leaving the server's origin.
const { problems, expecting } = watchPage(page)
const foreignRequests = []
const requests = []
const visitedUrls = []
let lastChallenge = null
page.on('request', (req) => {
  const url = req.url()
  if (url.startsWith('data:') || url.startsWith('blob:')) return
  if (new URL(url).origin !== ORIGIN) foreignRequests.push(url)
  requests.push({ method: req.method(), path: new URL(url).pathname, url, body: req.postData() })
})
page.on('response', async (res) => {
  if (new URL(res.url()).pathname === '/api/v1/public/challenge' && res.ok()) lastChallenge = await res.json().catch(() => null)
})
page.on('framenavigated', (frame) => {
  if (frame === page.mainFrame()) visitedUrls.push(frame.url())
})

const historyLength = () => page.evaluate(() => history.length)
const portalStorage = () =>
  page.evaluate(() => [
    ...Object.keys(localStorage).filter((k) => k.startsWith('hejia.portal.')),
    ...Object.keys(sessionStorage),
  ])

// Picks the option at `index` of a bottom picker opened from the field with this test id.
async function pick(testid, index = 0) {
  await page.locator(tid(testid)).click()
  const picker = page.locator(tid(`${testid}-picker`))
  await picker.waitFor()
  if (index > 0) await pickInColumn(picker, index)
  await picker.locator('.van-picker__confirm').click()
  await picker.waitFor({ state: 'hidden' })
  const shown = await page.locator(input(testid)).first().inputValue()
  expect(shown.trim() !== '', `nothing chosen in ${testid}`)
  return shown
}

const phone = `139${String(Date.now()).slice(-8)}`
const facts = `（端到端测试）前夫已经三个月没有支付孩子的抚养费，电话也不接。${Date.now() % 100000}`
let historyAtStart = 0
let trackingCode = ''
let consultationCode = ''

await step('the page itself shows where to leave and whom to call, before any script or style', async () => {
  const res = await page.request.get(`${BASE}/life/`)
  expect(res.ok(), `GET /life/ answered ${res.status()}`)
  const html = await res.text()
  const app = html.slice(html.indexOf('<div id="app">'), html.indexOf('<script nomodule'))
  for (const [what, needle] of [['the 110 link', 'href="tel:110"'], ['the 12338 link', 'href="tel:12338"'],
    ['the quick-exit link', 'href="/tips.html"'], ['the loading line', '正在加载…'], ['the old-browser message', 'shell-old']])
    expect(app.includes(needle), `the page's own HTML lacks ${what}`)
  expect(/<script nomodule src="\/portal-legacy\.js"><\/script>/.test(html), 'no message script for browsers without modules')
  // the stylesheet comes after the shell, so it does not hold the first paint back
  expect(html.indexOf('rel="stylesheet"') > html.indexOf('shell-loading'), 'the stylesheet is linked before the shell')
  // without JavaScript: the shell is all there is, and it works
  const bare = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled: false })
  const plain = await bare.newPage()
  await plain.goto(`${BASE}/life/a`)
  for (const id of ['shell-exit', 'shell-110', 'shell-12338', 'shell-loading'])
    expect(await plain.locator(tid(id)).isVisible(), `${id} is not shown without scripts`)
  expect((await plain.title()) === '生活小贴士', `the page's own title is "${await plain.title()}"`)
  await snap(plain, 'shell-no-script')
  // its quick exit needs no script either: a plain page of tips that names nothing
  await plain.locator(tid('shell-exit')).click()
  await plain.waitForURL(`${BASE}/tips.html`)
  const tips = await plain.locator('body').innerText()
  expect(!/维权|求助|快速离开|妇联|110|12338/.test(tips), 'the no-script neutral page mentions the portal')
  await bare.close()
  // a browser that runs no modules runs only portal-legacy.js: the app never comes, the page says so
  const old = await browser.newContext({ viewport: PHONE, isMobile: true })
  const oldPage = await old.newPage()
  await oldPage.route(/\/assets\/.*\.js$/, (r) => r.abort())
  await oldPage.goto(`${BASE}/life/`)
  await oldPage.addScriptTag({ url: '/portal-legacy.js' })
  await oldPage.locator(tid('shell-old')).waitFor()
  expect(!(await oldPage.locator(tid('shell-loading')).isVisible()), 'still "loading" in a browser that cannot run the app')
  await snap(oldPage, 'shell-old-browser')
  await old.close()
})

await step('on a slow phone (slow 3G, CPU 4x slower) the shell paints before anything is downloaded', async () => {
  // DevTools' "Slow 3G": 2 s round trips, 50 kB/s each way; a fresh context: nothing cached
  const slow = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const p = await slow.newPage()
  const cdp = await slow.newCDPSession(p)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: 50000, uploadThroughput: 50000 })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  const slowTimeout = 180000
  await p.goto(`${BASE}/life/a`, { waitUntil: 'commit', timeout: slowTimeout })
  await p.locator(tid('shell-110')).waitFor({ timeout: slowTimeout })
  // usable: the form is there with its choices loaded (the category field no longer "loading")
  await p.waitForFunction(() => {
    const el = document.querySelector('[data-testid="help-category"] input')
    return !!el && el.getAttribute('placeholder') === '请选择问题类型'
  }, null, { timeout: slowTimeout, polling: 100 })
  const t = await p.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]
    const assets = performance.getEntriesByType('resource').filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
    return { paint: paint ? paint.startTime : -1, firstAsset: Math.min(...assets.map((e) => e.responseEnd)), usable: performance.now() }
  })
  expect(t.paint > 0, 'no first contentful paint recorded')
  // an order, not a speed: the first paint came before any script or stylesheet had arrived
  expect(t.paint < t.firstAsset, `first paint at ${t.paint} ms, after an asset arrived at ${t.firstAsset} ms`)
  console.log(`       slow 3G + CPU 4x: first paint (quick exit, 110, 12338) ${(t.paint / 1000).toFixed(1)} s,` +
    ` first script or style in ${(t.firstAsset / 1000).toFixed(1)} s, usable help form ${(t.usable / 1000).toFixed(1)} s`)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await snap(p, 'slow-3g-form')
  await slow.close()
})

await step('the portal is served with a strict CSP, its own small page and no console code', async () => {
  // its first address still opens it, and moves at once to the neutral one
  const res = await page.goto(`${BASE}/portal`)
  expect(res && res.ok(), `GET /portal answered ${res?.status()}`)
  const csp = res.headers()['content-security-policy'] ?? ''
  expect(/script-src 'self'/.test(csp), `no strict script-src in the CSP of /portal: "${csp}"`)
  await page.waitForURL(`${BASE}/life/`)
  expect((await page.title()) === '生活小贴士', `title is "${await page.title()}"`)
  await page.locator(tid('home-privacy')).filter({ hasText: '无痕模式' }).waitFor()
  const referrer = await page.locator('meta[name="referrer"]').getAttribute('content')
  expect(referrer === 'no-referrer', `meta referrer is ${referrer}`)
  await page.locator(tid('home-help')).waitFor()
  await page.waitForLoadState('networkidle')
  const hotline = await page.locator(tid('home-hotline')).getAttribute('href')
  expect(hotline === 'tel:12338', `hotline link is ${hotline}`)
  expect(await page.locator(tid('quick-exit')).isVisible(), 'no quick-exit button on the home page')
  // the console's bundle (Element Plus, ECharts) is never fetched by the portal
  const assets = requests.filter((r) => r.path.startsWith('/assets/')).map((r) => r.path)
  expect(assets.some((p) => /\/assets\/portal-[\w-]+\.js$/.test(p)), `no portal bundle among ${assets.join(', ')}`)
  const consoleAssets = assets.filter((p) => /\/assets\/index-[\w-]+\.(js|css)$/.test(p))
  expect(consoleAssets.length === 0, `the portal loaded console assets: ${consoleAssets.join(', ')}`)
  const sizes = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
      .reduce((s, e) => s + (e.encodedBodySize || 0), 0))
  console.log(`       portal JS+CSS transferred: ${(sizes / 1024).toFixed(1)} KiB (as the server sends it)`)
  historyAtStart = await historyLength()
  await shot('home', true)
})

await step('an empty help form shows field messages and sends nothing', async () => {
  await page.locator(tid('home-help')).click()
  await page.locator(tid('help-form')).waitFor()
  expect(new URL(page.url()).pathname === '/life/a', `help form at ${page.url()}`)
  expect((await page.title()) === '生活小贴士', `the help form's title is "${await page.title()}"`)
  const sent = requests.length
  await page.locator(tid('help-submit')).click()
  await page.locator(tid('help-error')).waitFor()
  // each message says what is missing, never a bare "必填"
  for (const [f, message] of [['help-category', '请选择遇到的问题'], ['help-town', '请选择您所在的镇街'],
    ['help-facts', '请写下发生了什么事'], ['help-phone', '请留一个手机号，方便联系您']])
    await page.locator(`${tid(f)} .van-field__error-message`).filter({ hasText: message }).waitFor()
  await page.locator(tid('help-contact-error')).filter({ hasText: '请选一种对您安全的联系方式' }).waitFor()
  expect(await page.locator('.van-field__error-message', { hasText: /^必填$/ }).count() === 0, 'a bare "必填" is shown')
  // a wrong phone number is named before anything is sent
  await page.locator(input('help-phone')).fill('1381234')
  await page.locator(tid('help-submit')).click()
  await page.locator(`${tid('help-phone')} .van-field__error-message`).filter({ hasText: '11 位手机号' }).waitFor()
  const posted = requests.slice(sent).filter((r) => r.path.startsWith('/api/v1/public/') && r.method === 'POST')
  expect(posted.length === 0, `the invalid form sent ${posted.map((r) => r.path).join(', ')}`)
  expect(await page.locator(`${tid('help-disclose')}[aria-checked="false"]`).count() === 1, 'disclosure is not off by default')
  await shot('help-errors')
})

await step('a citizen fills and sends a help request, paying the proof of work', async () => {
  const category = await pick('help-category', 2)
  await pick('help-town', 0)
  const village = await pick('help-village', 1)
  expect(village !== '不清楚 / 不选', 'no village chosen')
  await page.locator(input('help-address')).fill('幸福小区 3 幢')
  await page.locator(input('help-facts')).fill(facts)
  await page.locator(input('help-wish')).fill('希望对方按时支付抚养费')
  await page.locator(input('help-phone')).fill(phone)
  for (const f of ['help-address', 'help-facts', 'help-phone']) {
    const ac = await page.locator(input(f)).first().getAttribute('autocomplete')
    expect(ac === 'off', `${f} has autocomplete=${ac}`)
  }
  await page.locator(tid('contact-evening')).check()
  await page.locator(input('help-contact-text')).fill('电话响两声就挂')
  // the hours she may be called, which the staff's call button follows
  expect(await page.locator(`${tid('help-sms-only')}[aria-checked="false"]`).count() === 1, 'a call-time choice left "text messages only" on')
  await page.locator(tid('help-call-from')).fill('20:00')
  await page.locator(tid('help-call-to')).fill('22:00')
  await shot('help-filled', true)
  const before = requests.length
  await page.locator(tid('help-submit')).click()
  await page.locator(tid('help-done-title')).waitFor({ timeout: POW_TIMEOUT })
  trackingCode = (await page.locator(tid('code-value')).innerText()).trim()
  expect(/^[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(trackingCode), `tracking code "${trackingCode}"`)
  const advice = await page.locator(tid('code-advice')).innerText()
  expect(advice.includes('请记住编号和手机号后四位') && advice.includes('请不要截图保存'), `advice is "${advice}"`)
  const post = requests.slice(before).find((r) => r.method === 'POST' && r.path === '/api/v1/public/help-requests')
  expect(post, 'no POST /public/help-requests')
  const body = JSON.parse(post.body)
  expect(body.disclose_identity === false, `disclose_identity sent as ${body.disclose_identity}`)
  expect(body.phone === phone && body.facts === facts.trim(), 'phone or facts not sent as typed')
  expect(body.safe_contact === '晚上8点后来电；电话响两声就挂', `safe_contact "${body.safe_contact}"`)
  expect(body.contact_call_from === '20:00' && body.contact_call_to === '22:00' && body.contact_sms_only === undefined,
    `contact wishes sent as ${JSON.stringify([body.contact_sms_only, body.contact_call_from, body.contact_call_to])}`)
  expect(body.village_code && body.town_code && body.category, `codes missing: ${JSON.stringify({ ...body, facts: '…' })}`)
  // the nonce really solves the challenge the server handed out
  expect(lastChallenge && lastChallenge.token === body.challenge.token, 'the challenge sent is not the one received')
  const digest = createHash('sha256').update(`${body.challenge.token}:${body.challenge.nonce}`).digest('hex')
  expect(leadingZeroBits(digest) >= lastChallenge.difficulty,
    `nonce ${body.challenge.nonce} gives ${leadingZeroBits(digest)} zero bits, difficulty ${lastChallenge.difficulty}`)
  // solved in the Web Worker, which the CSP lets start from the server's own origin
  expect(requests.some((r) => /\/assets\/pow\.worker-[\w-]+\.js$/.test(r.path)), 'the proof of work did not run in its worker')
  console.log(`       ${category}, difficulty ${lastChallenge.difficulty}, nonce ${body.challenge.nonce}`)
  expect(!visitedUrls.some((u) => u.toUpperCase().includes(trackingCode.replace(/-/g, '').slice(0, 8))), 'the tracking code appeared in a URL')
  expect((await portalStorage()).length === 0, `the portal stored ${await portalStorage()}`)
  expect((await historyLength()) === historyAtStart, 'moving through the form added history entries')
  await shot('help-done')
})

await step('following the request: wrong digits are refused, the right ones show the status', async () => {
  await page.locator(tid('done-follow')).click()
  await page.locator(tid('follow-form')).waitFor()
  await page.locator(input('follow-code')).fill(trackingCode.toLowerCase())
  const wrong = phone.slice(-4) === '0000' ? '1111' : '0000'
  await page.locator(input('follow-last4')).fill(wrong)
  const path = '/api/v1/public/help-requests/lookup'
  await expecting([{ method: 'POST', path, status: 404 }], async () => {
    await page.locator(tid('follow-submit')).click()
    await page.locator(tid('follow-error')).filter({ hasText: '没有找到这个编号，或手机号后四位不符' }).waitFor()
  })
  await page.locator(input('follow-last4')).fill(phone.slice(-4))
  await page.locator(tid('follow-submit')).click()
  await page.locator(tid('follow-result')).waitFor()
  const shownCode = (await page.locator(tid('follow-result-code')).innerText()).trim()
  expect(shownCode.replace(/-/g, '') === trackingCode.replace(/-/g, ''), `result for ${shownCode}, sent ${trackingCode}`)
  const status = (await page.locator(tid('follow-status')).innerText()).trim()
  const words = ['已登记', '已受理', '已安排调解员', '调解中', '处理中']
  expect(words.includes(status), `a new request reads "${status}"`)
  expect(await page.locator(tid('follow-timeline')).count() === 1, 'no timeline')
  expect((await historyLength()) === historyAtStart, 'following added history entries')
  // The code and the digits went in POST bodies: no request URL (kept by proxies) carries them.
  const bare = trackingCode.replace(/-/g, '')
  const carried = requests.filter((r) => r.url.toUpperCase().replace(/-/g, '').includes(bare) || r.url.includes(`=${phone.slice(-4)}`))
  expect(carried.length === 0, `request URLs carried the code or digits: ${carried.map((r) => r.url).join(', ')}`)
  await shot('follow-result', true)
})

await step('the follow page offers the handling unit\'s number to call and takes her reply', async () => {
  const call = page.locator(tid('follow-phone'))
  await call.waitFor()
  const href = (await call.getAttribute('href')) ?? ''
  expect(/^tel:(0\d{9,11}|12338)$/.test(href), `the call link is "${href}"`)
  const shown = (await call.innerText()).replace(/\s+/g, '')
  expect(shown.replace(/-/g, '').includes(href.slice(4)), `the number shown "${shown}" is not the one called (${href})`)
  const text = `周六上午方便接电话（端到端 ${Date.now() % 1000}）`
  await page.locator(input('follow-reply')).fill(text)
  await page.locator(tid('follow-reply-submit')).click()
  await page.locator(tid('follow-message')).filter({ hasText: text }).waitFor()
  expect((await page.locator(tid('follow-message')).filter({ hasText: text }).innerText()).includes('我'), 'her reply is not marked as hers')
  expect((await page.locator(input('follow-reply')).inputValue()) === '', 'the reply box was not emptied')
  const post = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/public/help-requests/reply')
  expect(post && !post.url.includes(phone.slice(-4)), 'the reply did not go in a POST body')
  await shot('follow-replied', true)
})

await step('a consultation is asked, gets a code, and reads as not yet answered', async () => {
  await page.locator(tid('portal-home')).click()
  await page.locator(tid('home-consult')).click()
  await page.locator(tid('consult-form')).waitFor()
  await page.locator(input('consult-question')).fill(`（端到端测试）离婚时彩礼需要退还吗？${Date.now() % 1000}`)
  await page.locator(tid('consult-submit')).click()
  await page.locator(tid('consult-done-title')).waitFor({ timeout: POW_TIMEOUT })
  consultationCode = (await page.locator(tid('code-value')).innerText()).trim()
  expect(/^[A-Z0-9-]{12,14}$/.test(consultationCode), `consultation code "${consultationCode}"`)
  await shot('consult-done')
  await page.locator(tid('consult-go-lookup')).click()
  expect((await page.locator(input('consult-code')).inputValue()) === consultationCode, 'the lookup does not offer the new code')
  await page.locator(tid('consult-lookup-submit')).click()
  await page.locator(tid('consult-status')).filter({ hasText: '尚未答复' }).waitFor()
  await shot('consult-lookup')
})

await step('the hotline and mediation rooms page lists rooms with call links', async () => {
  await page.locator(tid('portal-home')).click()
  await page.locator(tid('home-rooms')).click()
  await page.locator(tid('rooms-hotline')).waitFor()
  expect((await page.locator(tid('rooms-hotline')).getAttribute('href')) === 'tel:12338', 'hotline link')
  await page.locator(tid('room')).first().waitFor()
  const rooms = await page.locator(tid('room')).count()
  expect(rooms > 0, 'no mediation rooms listed')
  await shot('rooms')
})

await step('the English switch translates the portal and is the only thing remembered', async () => {
  await page.locator(tid('portal-home')).click()
  await page.locator(tid('lang-switch')).click()
  await page.locator(tid('home-help')).filter({ hasText: 'Ask for help' }).waitFor()
  await page.locator(tid('quick-exit')).filter({ hasText: 'Quick exit' }).waitFor()
  const kept = await portalStorage()
  expect(kept.length === 1 && kept[0] === 'hejia.portal.locale', `stored: ${kept.join(', ')}`)
  await shot('home-en')
})

await step('quick exit lands on the neutral page, forgets everything and adds no history', async () => {
  await page.locator(tid('home-help')).click()
  await page.locator(input('help-facts')).fill('something she was typing')
  const before = await historyLength()
  await page.locator(tid('quick-exit')).click()
  await page.waitForURL(`${BASE}/life/weather`)
  await page.locator(tid('neutral-page')).waitFor()
  expect((await historyLength()) === before, `history grew from ${before} to ${await historyLength()}`)
  expect((await portalStorage()).length === 0, `left behind: ${await portalStorage()}`)
  const text = await page.locator('body').innerText()
  expect(!/维权|求助|快速离开|妇联|\bhelp\b/i.test(text), 'the neutral page mentions the portal')
  expect(!/维权|和家/.test(await page.title()), `the neutral page's title is "${await page.title()}"`)
  expect(await page.locator(tid('quick-exit')).count() === 0, 'the neutral page shows the quick-exit button')
  await shot('neutral')
  // the back button does not lead into the portal's pages (it goes to the page before the
  // portal, or nowhere when the portal was the first page of the tab)
  await page.goBack().catch(() => null)
  const back = page.url()
  expect(!back.startsWith(`${BASE}/life`) || back === `${BASE}/life/weather`, `back leads to ${back}`)
})

await step('Esc pressed twice also leaves', async () => {
  await page.goto(`${BASE}/life/b`)
  await page.locator(tid('follow-form')).waitFor()
  await page.locator(input('follow-code')).fill('ABCD-EFGH-JKLM')
  await page.locator('h1').click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await page.waitForURL(`${BASE}/life/weather`)
  await page.locator(tid('neutral-page')).waitFor()
})

// Placeholders of one-line fields that do not fit their box on this phone, measured with the
// field's own font: [test id, placeholder, text width, box width].
const cutPlaceholders = () =>
  page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')
    return [...document.querySelectorAll('input[placeholder]')].filter((el) => el.offsetParent).map((el) => {
      const st = getComputedStyle(el)
      ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`
      const box = el.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight)
      const id = el.closest('[data-testid]')?.getAttribute('data-testid') ?? ''
      return [id, el.placeholder, Math.ceil(ctx.measureText(el.placeholder).width), Math.floor(box)]
    }).filter(([, , w, box]) => w > box)
  })

await step('every placeholder fits on a 390-pixel phone, in both languages', async () => {
  const cut = []
  for (const lang of ['zh-CN', 'en']) {
    for (const [path, ready, tab] of [['/life/a', 'help-form'], ['/life/b', 'follow-form'], ['/life/c', 'consult-form'],
      ['/life/c', 'consult-tab-lookup', 'consult-tab-lookup']]) {
      await page.goto(`${BASE}${path}`)
      await page.locator(tid(ready)).waitFor()
      if ((await page.locator('html').getAttribute('lang')) !== lang) {
        await page.locator(tid('lang-switch')).click()
        // rendered again in the other language (the switch then offers the first one)
        await page.locator(tid('lang-switch')).filter({ hasText: lang === 'en' ? '中文' : 'English' }).waitFor()
      }
      if (tab) await page.locator(tid(tab)).click()
      await page.waitForLoadState('networkidle')
      cut.push(...(await cutPlaceholders()).map((c) => `${lang} ${path}${tab ? ' (lookup)' : ''} ${c.join(' ')}`))
    }
  }
  expect(cut.length === 0, `cut off:\n       ${cut.join('\n       ')}`)
})

await step('no address the portal went through names it or what she did there', async () => {
  const paths = visitedUrls.filter((u) => u.startsWith(BASE)).map((u) => new URL(u).pathname)
  // /portal was typed once, as an old poster would have it; everything after it is neutral
  const named = paths.filter((p) => p !== '/portal' && !/^\/life\/([a-d](\/ok)?|weather)?$/.test(p))
  expect(named.length === 0, `addresses that say too much: ${named.join(', ')}`)
})

await step('no third-party request, no console errors and no unexpected error answers', async () => {
  const all = [...foreignRequests.map((u) => `request to another origin: ${u}`), ...problems]
  expect(all.length === 0, `problems:\n       ${all.join('\n       ')}`)
})

await finish(browser)
