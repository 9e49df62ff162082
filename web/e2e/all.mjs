// Runs every browser end-to-end test file against the same server, one after the other, and
// fails when any of them fails. Each file prints its own "N passed, M failed".
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const files = ['console.e2e.mjs', 'portal.e2e.mjs', 'cases.e2e.mjs', 'story.e2e.mjs']
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f}`)
  const r = spawnSync(process.execPath, [join(here, f)], { stdio: 'inherit', env: process.env })
  if (r.status !== 0) {
    failed++
    console.log(`=== ${f}: FAILED (exit ${r.status ?? r.signal})`)
  }
}
console.log(`\ne2e files: ${files.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
