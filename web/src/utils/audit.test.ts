import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  AUDIT_ACTIONS, AUDIT_CATALOGUE, AUDIT_ENTITIES, AWAITING_SERVER, THROUGH_KIT_CHANGE, actionsOf, actionText, actorText, describeDetail, detailText, entityText,
  lookupIn, maskSensitive, parseDetail, roleText,
} from './audit'

// ---- what the server records, read from its C++ sources ----
//
// Every audit write is `s.Audit(conn, actor, ENTITY, entity_id, ACTION, …)` (api: Services::Audit,
// also `s_.Audit`) or `store::Audit(conn, keys, at, actor, ENTITY, entity_id, ACTION, …)` (jobs,
// command line). The entity and the action are resolved as follows, else the test fails and names
// the call, so that a new call shape is taught here rather than missed:
//   - a string literal: itself; `cond ? "a" : "b"`: both;
//   - `x.tag` (the record kit's RecordRoutes): every `.tag = "…"` designated initializer in src/;
//   - a name that is a parameter of the enclosing function (a helper such as AuditSystem, Record,
//     WriteTellingElsewhere or the kit's Change<R>): the argument at that place in every call of the
//     helper in the same file, resolved again where it is written;
//   - any other name: what it is initialised or assigned from in the file (`std::string what(action)`,
//     `action = lock ? "lock" : "unlock";`), resolved again.
// Services::Audit itself (which forwards to store::Audit) is not a write of its own.

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(cpp|hpp|h)$/.test(name) && !/_test\.cpp$/.test(name) ? [path] : []
  })
}

/** The code with comments and the contents of strings and chars blanked (same length). */
function blank(code: string): string {
  let out = ''
  let i = 0
  while (i < code.length) {
    const c = code[i]
    if (c === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i)
      const stop = end < 0 ? code.length : end
      out += ' '.repeat(stop - i)
      i = stop
    } else if (c === '/' && code[i + 1] === '*') {
      const stop = code.indexOf('*/', i + 2) + 2
      out += code.slice(i, stop).replace(/[^\n]/g, ' ')
      i = stop
    } else if (c === 'R' && code[i + 1] === '"') {
      const open = code.indexOf('(', i)
      const delim = code.slice(i + 2, open)
      const stop = code.indexOf(`)${delim}"`, open) + delim.length + 2
      out += 'R"' + code.slice(i + 2, stop - 1).replace(/[^\n]/g, ' ') + '"'
      i = stop
    } else if (c === '"' || (c === "'" && !/[0-9A-Fa-f]/.test(code[i - 1] ?? ''))) {
      let j = i + 1
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1
      out += c + ' '.repeat(j - i - 1) + c
      i = j + 1
    } else {
      out += c
      i++
    }
  }
  return out
}

interface Source {
  path: string
  code: string
  /** comments and string contents blanked: for brackets, commas and names */
  shape: string
}

/** The index of the bracket closing the one at `open` (in the blanked code). */
function closing(shape: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
  const stack: string[] = []
  for (let i = open; i < shape.length; i++) {
    const c = shape[i]
    if (pairs[c]) stack.push(pairs[c])
    else if (c === stack[stack.length - 1]) {
      stack.pop()
      if (!stack.length) return i
    }
  }
  return -1
}

/** The arguments of the call whose `(` is at `open`, as text of the original code. */
function args(src: Source, open: number): string[] {
  const close = closing(src.shape, open)
  const out: string[] = []
  let depth = 0
  let start = open + 1
  for (let i = open + 1; i < close; i++) {
    const c = src.shape[i]
    if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === '<' && /\w$/.test(src.shape.slice(0, i)) && /^[\w:, ]+>/.test(src.shape.slice(i + 1))) {
      i = src.shape.indexOf('>', i) // a template argument list: Change<R>, std::vector<std::string_view>
    } else if (c === ',' && depth === 0) {
      out.push(src.code.slice(start, i).trim())
      start = i + 1
    }
  }
  out.push(src.code.slice(start, close).trim())
  return out
}

interface Fn {
  name: string
  params: string[]
  bodyStart: number
  bodyEnd: number
}

const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'sizeof', 'decltype'])

/** The named function definitions of a file (not lambdas): name, parameter names, body. */
function functions(src: Source): Fn[] {
  const out: Fn[] = []
  const re = /\b([A-Za-z_]\w*)\s*\(/g
  for (let m; (m = re.exec(src.shape)); ) {
    if (NOT_FUNCTIONS.has(m[1])) continue
    const open = m.index + m[0].length - 1
    const close = closing(src.shape, open)
    if (close < 0) continue
    const after = /^\s*(?:const\s*)?(?:noexcept\s*)?(?:->[^{;()]*)?\{/.exec(src.shape.slice(close + 1))
    if (!after) continue
    const body = close + after[0].length
    const params = args(src, open).map((p) => /([A-Za-z_]\w*)\s*(?:=[^,]*)?$/.exec(p.replace(/\[\]$/, ''))?.[1] ?? '')
    out.push({ name: m[1], params, bodyStart: body, bodyEnd: closing(src.shape, body) })
  }
  return out
}

const LITERAL = /^"((?:[^"\\]|\\.)*)"$/

interface Found {
  values: Set<string>
  problems: string[]
}

function lineOf(src: Source, at: number): string {
  return `${src.path.slice(SRC.length)}:${src.code.slice(0, at).split('\n').length}`
}

/** The string values an expression written at `at` in `src` can have (see the rules above). */
function resolve(expr: string, src: Source, at: number, all: Source[], found: Found, depth = 0): void {
  const e = expr.trim().replace(/^std::string(?:_view)?\s*\((.*)\)$/s, '$1').trim()
  const lit = LITERAL.exec(e)
  if (lit) {
    found.values.add(lit[1])
    return
  }
  const ternary = /^[^?]+\?\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*")$/s.exec(e)
  if (ternary) {
    resolve(ternary[1], src, at, all, found, depth)
    resolve(ternary[2], src, at, all, found, depth)
    return
  }
  if (depth > 6) {
    found.problems.push(`${lineOf(src, at)}: cannot resolve "${expr}" (too deep)`)
    return
  }
  const member = /^\w+\s*(?:\.|->)\s*([A-Za-z_]\w*)$/.exec(e)
  if (member) {
    let any = false
    for (const s of all)
      for (const m of s.code.matchAll(new RegExp(`\\.${member[1]}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*")`, 'g'))) {
        any = true
        resolve(m[1], s, m.index ?? 0, all, found, depth + 1)
      }
    if (!any) found.problems.push(`${lineOf(src, at)}: no ".${member[1]} = \\"…\\"" anywhere for "${expr}"`)
    return
  }
  const name = /^[A-Za-z_]\w*$/.test(e) ? e : null
  if (!name) {
    found.problems.push(`${lineOf(src, at)}: cannot resolve "${expr}"`)
    return
  }
  // a parameter of the enclosing function: what its callers in this file pass there
  const enclosing = functions(src)
    .filter((f) => f.bodyStart <= at && at <= f.bodyEnd)
    .sort((a, b) => b.bodyStart - a.bodyStart)[0]
  const index = enclosing ? enclosing.params.indexOf(name) : -1
  if (enclosing && index >= 0) {
    let calls = 0
    const re = new RegExp(`\\b${enclosing.name}\\s*(?:<[^<>()]*>)?\\s*\\(`, 'g')
    for (let m; (m = re.exec(src.shape)); ) {
      const open = m.index + m[0].length - 1
      if (open > enclosing.bodyStart - 2 && open < enclosing.bodyStart) continue
      const a = args(src, open)
      // the definition itself and declarations name types, not values
      if (a.length <= index || /^(?:const\s+)?[\w:<>]+[\s&*]+[A-Za-z_]\w*$/.test(a[index])) continue
      calls++
      resolve(a[index], src, open, all, found, depth + 1)
    }
    if (!calls) found.problems.push(`${lineOf(src, at)}: "${name}" is a parameter of ${enclosing.name}, which nothing in the file calls`)
    return
  }
  // a local: what it is initialised or assigned from
  let sources = 0
  const init = new RegExp(`\\b${name}\\s*(?:=(?!=)\\s*([^;{}]+);|\\(([^;()]*)\\)\\s*;|\\{([^;{}]*)\\}\\s*;)`, 'g')
  for (const m of src.code.matchAll(init)) {
    const rhs = (m[1] ?? m[2] ?? m[3] ?? '').trim()
    if (!rhs || rhs === name) continue
    sources++
    resolve(rhs, src, m.index ?? 0, all, found, depth + 1)
  }
  if (!sources) found.problems.push(`${lineOf(src, at)}: cannot tell what "${name}" holds`)
}

interface Recorded {
  pairs: Map<string, Set<string>>
  problems: string[]
  calls: number
}

function recordedByServer(): Recorded {
  const all: Source[] = sourceFiles(SRC).map((path) => {
    const code = readFileSync(path, 'utf8')
    return { path, code, shape: blank(code) }
  })
  const pairs = new Map<string, Set<string>>()
  const problems: string[] = []
  let calls = 0
  for (const src of all) {
    const re = /(?:\b(s_?)\s*\.\s*|\bstore::)Audit\s*\(/g
    for (let m; (m = re.exec(src.shape)); ) {
      const open = m.index + m[0].length - 1
      const at = m.index
      const inForwarder = functions(src).some((f) => f.name === 'Audit' && f.bodyStart <= at && at <= f.bodyEnd)
      if (inForwarder) continue
      const a = args(src, open)
      const first = m[1] ? 2 : 4 // s.Audit(conn, actor, entity, id, action…) / store::Audit(conn, keys, at, actor, entity, id, action…)
      calls++
      if (a.length < first + 3) {
        problems.push(`${lineOf(src, at)}: an audit call with ${a.length} arguments`)
        continue
      }
      const entities: Found = { values: new Set(), problems }
      const actions: Found = { values: new Set(), problems }
      resolve(a[first], src, at, all, entities)
      resolve(a[first + 2], src, at, all, actions)
      for (const entity of entities.values) {
        const set = pairs.get(entity) ?? new Set<string>()
        for (const action of actions.values) set.add(action)
        pairs.set(entity, set)
      }
    }
  }
  return { pairs, problems, calls }
}

// ---- the locales, read as the build reads them (one file per area, merged) ----

function messages(lang: string): Record<string, unknown> {
  const dir = fileURLToPath(new URL(`../i18n/locales/${lang}/`, import.meta.url))
  return Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(dir + f, 'utf8'))))
}
const zh = lookupIn(messages('zh-CN'))
const en = lookupIn(messages('en'))

describe('the audit catalogue', () => {
  const server = recordedByServer()

  it('finds the audit calls of the server and resolves every entity and action', () => {
    expect(server.problems).toEqual([])
    expect(server.calls).toBeGreaterThan(80)
    // spot checks of each resolution rule
    expect([...(server.pairs.get('case') ?? [])]).toEqual(expect.arrayContaining(['read', 'transition', 'night_reminder', 'payment_reminder']))
    expect([...(server.pairs.get('user') ?? [])]).toEqual(expect.arrayContaining(['lock', 'unlock', 'reset_password']))
    expect([...(server.pairs.get('person') ?? [])]).toEqual(expect.arrayContaining(['create', 'update']))
    expect([...(server.pairs.get('team') ?? [])]).toEqual(expect.arrayContaining(['create', 'update', 'retire', 'read_sensitive']))
  })

  it('has every entity and action the server records', () => {
    const missing: string[] = []
    for (const [entity, actions] of server.pairs) {
      const known = (AUDIT_CATALOGUE as Record<string, readonly string[]>)[entity]
      if (!known) missing.push(`entity ${entity}`)
      for (const action of actions) if (!known?.includes(action)) missing.push(`${entity}.${action}`)
    }
    expect(missing).toEqual([])
  })

  it('lists nothing the server never records', () => {
    const stale: string[] = []
    for (const entity of AUDIT_ENTITIES) {
      const recorded = server.pairs.get(entity)
      if (!recorded) stale.push(`entity ${entity}`)
      for (const action of AUDIT_CATALOGUE[entity]) if (!recorded?.has(action)) stale.push(`${entity}.${action}`)
    }
    expect(stale.filter((x) => !AWAITING_SERVER.includes(x) && !THROUGH_KIT_CHANGE.includes(x))).toEqual([])
  })

  it('names every entity and action in both languages', () => {
    for (const [lang, lookup] of [['zh-CN', zh], ['en', en]] as const) {
      expect(AUDIT_ENTITIES.filter((e) => !lookup(`audit.entities.${e}`)), lang).toEqual([])
      expect(AUDIT_ACTIONS.filter((a) => !lookup(`audit.actions.${a}`)), lang).toEqual([])
    }
    expect(entityText('case', zh)).toBe('案件')
    expect(entityText('case', en)).toBe('Case')
  })

  it('narrows the actions to the chosen entity', () => {
    expect(actionsOf('session')).toEqual(['sign_in', 'sign_out', 'revoke'])
    expect(actionsOf('')).toEqual(AUDIT_ACTIONS)
    expect(actionsOf('something_new')).toEqual(AUDIT_ACTIONS)
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['transition', 'sign_in', 'load']))
  })
})

describe('the detail', () => {
  it('is parsed into keys and values, bare words and all', () => {
    expect(parseDetail('action=accept;from=registered;to=accepted')).toEqual([
      { key: 'action', value: 'accept' }, { key: 'from', value: 'registered' }, { key: 'to', value: 'accepted' },
    ])
    expect(parseDetail('agreement;revealed=address')).toEqual([{ key: null, value: 'agreement' }, { key: 'revealed', value: 'address' }])
    expect(parseDetail('role=mediator,region=330784')).toEqual([{ key: 'role', value: 'mediator' }, { key: 'region', value: '330784' }])
    expect(parseDetail('fields=name,phone')).toEqual([{ key: 'fields', value: 'name,phone' }])
    expect(parseDetail('renamed;moved from 330784001 to 330784002;regions=3')).toEqual([
      { key: null, value: 'renamed' }, { key: 'moved_from', value: '330784001' }, { key: 'moved_to', value: '330784002' }, { key: 'regions', value: '3' },
    ])
    expect(parseDetail('x=a=b')).toEqual([{ key: 'x', value: 'a=b' }])
    expect(parseDetail('')).toEqual([])
    expect(parseDetail(null)).toEqual([])
    expect(parseDetail({ a: 1 })).toEqual([{ key: null, value: '{"a":1}' }])
  })

  it('reads in Chinese: a case transition, with its action in the action column', () => {
    const row = { entity: 'case', action: 'transition', detail: 'action=accept;from=registered;to=accepted' }
    expect(detailText(row, zh)).toBe('操作：受理；原状态：已登记；新状态：已受理')
    expect(actionText(row, zh)).toBe('状态变更 · 受理')
    expect(detailText(row, zh)).not.toMatch(/action=|accept|registered/)
    const auto = { entity: 'case', action: 'transition', detail: 'action=perform;from=agreed;to=performing;auto=obligations' }
    expect(detailText(auto, zh)).toBe('操作：开始履行；原状态：已达成协议；新状态：履行中；自动原因：已有履行义务')
  })

  it('reads in English', () => {
    const row = { entity: 'case', action: 'transition', detail: 'action=accept;from=registered;to=accepted' }
    expect(detailText(row, en, 'en')).toBe('Action: Accept; From: Registered; To: Accepted')
    expect(actionText(row, en)).toMatch(/^Status change · /)
    expect(actionText({ entity: 'case', action: 'read' }, en)).toBe('Read')
  })

  it('names codes by what the key means for the action', () => {
    expect(detailText({ action: 'reroute', detail: 'to=city' }, zh)).toBe('上移至：市级')
    expect(detailText({ action: 'search', detail: 'entity=case;action=transition;from=2026-01-01;page=1' }, zh))
      .toBe('对象：案件；动作：状态变更；开始日期：2026-01-01；页码：1')
    expect(detailText({ action: 'create', detail: 'role=mediator,region=330784' }, zh)).toBe('角色：调解员；区划：330784')
    expect(detailText({ action: 'update', detail: 'changed=display_name,role;role=town_staff->city_staff' }, zh))
      .toBe('修改项：姓名、角色；角色：镇街妇联干部 → 市妇联干部')
    expect(detailText({ action: 'read_sensitive', detail: 'case=12;fields=phone,id_number,address' }, zh))
      .toBe('案件：12；字段：电话、身份证号、地址')
    expect(detailText({ action: 'escalate', detail: 'limit=first_contact;supervision=yellow;level=town;region=330784001' }, zh))
      .toBe('超时时限：首次联系超时；督办：黄牌；层级：镇街；区划：330784001')
    expect(detailText({ action: 'night_reminder', detail: 'sms=1;user=none' }, zh)).toBe('短信：是；账号：无')
    expect(detailText({ action: 'update_session', detail: 'session=3;status=held;fields=summary' }, zh)).toBe('调解安排：3；状态：已举行；字段：摘要')
    expect(detailText({ action: 'sign_in', detail: 'bad_password,locked' }, zh)).toBe('密码错误、已锁定')
    expect(detailText({ action: 'read', detail: 'events' }, en, 'en')).toBe('timeline')
  })

  it('keeps what it does not know as the server wrote it', () => {
    expect(detailText({ action: 'future', detail: 'novel_key=some_value;lonely_word' }, zh)).toBe('novel_key：some_value；lonely_word')
    expect(detailText({ action: 'transition', detail: 'action=teleport;from=registered' }, zh)).toBe('操作：teleport；原状态：已登记')
    expect(actionText({ entity: 'case', action: 'brand_new' }, zh)).toBe('brand_new')
    expect(entityText('brand_new', zh)).toBe('brand_new')
    expect(detailText({ action: 'x', detail: '' }, zh)).toBe('—')
    expect(describeDetail({ action: 'x', detail: 'k=' }, zh)).toEqual([{ key: 'k', value: '—' }])
  })

  it('never shows a phone or ID number in full', () => {
    expect(maskSensitive('13812345678')).toBe('138****5678')
    expect(maskSensitive('330784199001011234')).toBe('330784********1234')
    expect(maskSensitive('region=330784001001;case=12')).toBe('region=330784001001;case=12')
    expect(detailText({ action: 'reset_password', detail: 'sent_to=138****5678' }, zh)).toBe('发送至：138****5678')
    expect(detailText({ action: 'x', detail: 'odd=13812345678;330784199001011234' }, zh)).toBe('odd：138****5678；330784********1234')
  })
})

describe('the actor', () => {
  it('names the jobs, the command line and the portal; a staff login stays as it is', () => {
    expect(actorText({ actor_login: 'system', actor_role: 'system' }, zh)).toBe('系统（定时任务）')
    expect(actorText({ actor_login: 'cli', actor_role: '' }, en)).toBe('Command line')
    expect(actorText({ actor_login: '', actor_role: '' }, zh)).toBe('公众门户')
    expect(actorText({ actor_login: 'town', actor_role: 'town_staff' }, zh)).toBe('town')
    expect(roleText('town_staff', zh)).toBe('镇街妇联干部')
    expect(roleText('system', en)).toBe('System (scheduled job)')
    expect(roleText('', zh)).toBe('—')
    expect(roleText('new_role', zh)).toBe('new_role')
  })
})
