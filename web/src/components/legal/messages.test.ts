import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { lookupIn } from '@/utils/audit'
import { CONTENT_ACTIONS } from '@/utils/legal'
import { API_FIELDS } from '@/api/generated/fields'
import { labelKey, type FieldSpec } from '@/components/kit/record'
import { CONTENT_FIELDS } from '@/views/LegalContentsView.vue'
import { EVENT_FIELDS } from '@/views/LegalEventsView.vue'
import { CAMPAIGN_FIELDS } from '@/views/LegalCampaignsView.vue'
import { BRAND_FIELDS } from '@/views/LegalBrandsView.vue'

// The legal-education pages name everything through the console's messages: every key they write
// out, and every code the API can send them (statuses, forms, topics, event kinds, audiences, the
// review moves, the reasons a move is held back, the file problems), in both languages.
const dir = (rel: string) => fileURLToPath(new URL(rel, import.meta.url))
const messages = (lang: string) => Object.assign({}, ...readdirSync(dir(`../../i18n/locales/${lang}/`)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(dir(`../../i18n/locales/${lang}/${f}`), 'utf8'))))
const sources = [
  ...readdirSync(dir('.')).filter((f) => f.endsWith('.vue') || (f.endsWith('.ts') && !f.endsWith('.test.ts'))).map((f) => dir(`./${f}`)),
  ...readdirSync(dir('../../views/')).filter((f) => /^Legal\w+View\.vue$/.test(f)).map((f) => dir(`../../views/${f}`)),
]

describe('the legal-education pages\' messages', () => {
  const written = new Set<string>()
  for (const file of sources)
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('((?:legal\w*|common)\.[\w.]+)'/g)) written.add(m[1])
  const coded = [
    ...API_FIELDS.legal_content.status.values.map((c) => `legal.statuses.${c}`),
    ...API_FIELDS.legal_content.kind.enum.map((c) => `legal.kinds.${c}`),
    ...API_FIELDS.legal_content.topic.enum.map((c) => `legal.topics.${c}`),
    ...API_FIELDS.legal_event.kind.enum.map((c) => `legal.eventKinds.${c}`),
    ...API_FIELDS.legal_event.audience.enum.map((c) => `legal.audiences.${c}`),
    ...CONTENT_ACTIONS.flatMap((a) => [`legalContents.actions.${a}`, `legalContents.done.${a}`]),
    ...['submit', 'publish', 'withdraw'].map((a) => `legalContents.confirm.${a}`),
    ...['media', 'body', 'own_submission'].map((r) => `legalContents.blocked.${r}`),
    ...['type', 'size', 'empty'].map((p) => `legal.problem.${p}`),
    ...['all', 'draft', 'review', 'published', 'withdrawn'].map((x) => `legalContents.tabs.${x}`),
    // the dialogs' labels, their required fields' messages and hints; the record pages' own texts
    ...([['legalContents', CONTENT_FIELDS], ['legalEvents', EVENT_FIELDS], ['legalCampaigns', CAMPAIGN_FIELDS], ['legalBrands', BRAND_FIELDS]] as [string, FieldSpec[]][])
      .flatMap(([area, fields]) => [
        ...fields.flatMap((f) => [labelKey(area, f), ...(f.required ? [`${labelKey(area, f)}Required`] : []), ...(f.hint ? [f.hint] : [])]),
        ...['create', 'edit', 'retire', 'retireConfirm', 'retired', 'includeRetired', 'menu'].map((k) => `${area}.${k}`),
      ]),
  ]
  it('finds the keys the pages write out', () => {
    expect(written.size).toBeGreaterThan(40)
  })
  for (const lang of ['zh-CN', 'en']) {
    it(`has them all in ${lang}`, () => {
      const lookup = lookupIn(messages(lang))
      expect([...written, ...coded].filter((k) => !lookup(k))).toEqual([])
    })
  }
})
