// Runs every browser end-to-end test file of this folder (every *.e2e.mjs, so none is left out)
// against the same server, one after the other, and fails when any of them fails. Each file
// prints its own "N passed, M failed".
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
// The order they run in; a file not named here runs after them. cockpit.e2e.mjs comes first: it
// checks the demo city's figures as loaded, before the others add cases. flows.e2e.mjs comes
// last: it changes what it touches (a household head, an account, regions) in the shared demo city.
const ORDER = ['cockpit.e2e.mjs', 'console.e2e.mjs', 'portal.e2e.mjs', 'cases.e2e.mjs', 'story.e2e.mjs', 'incidents.e2e.mjs', 'partners.e2e.mjs', 'visits.e2e.mjs', 'flows.e2e.mjs']
// Run after all the others: the portal takes at most 5 help requests and questions in 10 minutes
// from one address (the test script's server takes 50); portal, story and desk send five between
// them, these two more, and wait when a server with the usual limit asks them to.
const LAST = ['consultations.e2e.mjs']
const found = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs'))
const missing = ORDER.filter((f) => !found.includes(f))
const files = [...ORDER.filter((f) => found.includes(f)), ...found.filter((f) => !ORDER.includes(f) && !LAST.includes(f)).sort(), ...LAST.filter((f) => found.includes(f))]
let failed = missing.length
for (const f of missing) console.log(`=== ${f}: FAILED (the file is missing)`)
for (const f of files) {
  console.log(`\n=== ${f}`)
  const r = spawnSync(process.execPath, [join(here, f)], { stdio: 'inherit', env: process.env })
  if (r.status !== 0) {
    failed++
    console.log(`=== ${f}: FAILED (exit ${r.status ?? r.signal})`)
  }
}
console.log(`\ne2e files: ${files.length + missing.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
