// Makes the demo city's legal-education media (assets/demo/): a short generated clip (WebM, VP8,
// drawn on a canvas and recorded by the browser's MediaRecorder) and one poster frame (JPEG) per
// topic. Nothing filmed, no real person: shapes and text only. Run once from web/:
//   node scripts/make-demo-media.mjs
// The files are committed; `hejia demo-data` stores them in the media store.
import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'demo')
mkdirSync(out, { recursive: true })
const TOPICS = [
  ['anti_domestic_violence', '反家暴', '#c0392b'],
  ['anti_fraud', '反诈骗', '#d35400'],
  ['womens_rights', '妇女权益', '#8e44ad'],
  ['minors_protection', '未成年人保护', '#16a085'],
  ['marriage_family', '婚姻家庭', '#2c7be5'],
]
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const page = await browser.newPage()
await page.setContent('<canvas id="c" width="480" height="270"></canvas>')
for (const [code, label, color] of TOPICS) {
  const data = await page.evaluate(({ label, color }) => {
    const c = document.getElementById('c')
    const g = c.getContext('2d')
    g.fillStyle = color
    g.fillRect(0, 0, 480, 270)
    g.fillStyle = 'rgba(255,255,255,0.15)'
    for (let i = 0; i < 6; i++) g.fillRect(0, 40 * i + 10, 480, 18)
    g.fillStyle = '#fff'
    g.font = 'bold 44px sans-serif'
    g.textAlign = 'center'
    g.fillText(label, 240, 130)
    g.font = '22px sans-serif'
    g.fillText('和家普法 · 演示', 240, 180)
    return c.toDataURL('image/jpeg', 0.72)
  }, { label, color })
  writeFileSync(join(out, `poster-${code}.jpg`), Buffer.from(data.split(',')[1], 'base64'))
}
const clip = await page.evaluate(async () => {
  const c = document.getElementById('c')
  const g = c.getContext('2d')
  const stream = c.captureStream(15)
  const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 150000 })
  const parts = []
  rec.ondataavailable = (e) => parts.push(e.data)
  const done = new Promise((r) => (rec.onstop = r))
  rec.start()
  const started = performance.now()
  await new Promise((resolve) => {
    const frame = () => {
      const t = (performance.now() - started) / 1000
      g.fillStyle = '#2c3e50'
      g.fillRect(0, 0, 480, 270)
      g.fillStyle = '#e74c3c'
      g.beginPath()
      g.arc(240 + Math.sin(t * 2) * 150, 135, 30, 0, Math.PI * 2)
      g.fill()
      g.fillStyle = '#fff'
      g.font = 'bold 36px sans-serif'
      g.textAlign = 'center'
      g.fillText('拒绝家暴 守护幸福', 240, 70)
      g.font = '20px sans-serif'
      g.fillText('和家普法演示片段 · 12338', 240, 230)
      if (t < 4) requestAnimationFrame(frame)
      else resolve()
    }
    frame()
  })
  rec.stop()
  await done
  const blob = new Blob(parts, { type: 'video/webm' })
  const buf = new Uint8Array(await blob.arrayBuffer())
  let s = ''
  for (const b of buf) s += String.fromCharCode(b)
  return btoa(s)
})
writeFileSync(join(out, 'clip.webm'), Buffer.from(clip, 'base64'))
await browser.close()
console.log(`demo media in ${out}`)
