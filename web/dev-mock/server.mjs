// A tiny in-memory stand-in for the C++ server, for UI development only (not used by tests).
// Serves ../dist with the production CSP and SPA fallback, and /api/v1 per docs/api.md.
// Run: node dev-mock/server.mjs [port]   (default 8787; password Hejia-Demo-2026)
import http from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const PORT = Number(process.argv[2] ?? process.env.PORT ?? 8787)
const DIST = fileURLToPath(new URL('../dist/', import.meta.url))
const PASSWORD = process.env.MOCK_PASSWORD ?? 'Hejia-Demo-2026'
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"

const STAFF = ['region.read', 'household.read', 'household.write', 'person.read', 'person.write', 'person.reveal']
const ROLES = [
  ['system_admin', '系统管理员', ['region.read', 'region.write', 'user.read', 'user.write']],
  ['security_admin', '安全管理员', ['user.read', 'user.security']],
  ['audit_admin', '审计管理员', ['audit.read']],
  ['city_staff', '市妇联干部', STAFF], ['town_staff', '镇街妇联干部', STAFF], ['village_cadre', '村社妇联干部', STAFF],
  ['grid_sister', '格姐', STAFF], ['mediator', '调解员', ['region.read', 'household.read', 'person.read']],
  ['leader', '领导', ['region.read']], ['integration', '接口客户端', ['region.read']],
].map(([role, label, permissions]) => {
  // as GET /roles answers on the real server (docs/api.md)
  const administrator = ['system_admin', 'security_admin', 'audit_admin'].includes(role)
  return { role, label, label_en: role, permissions: ['session.self', ...permissions], administrator, requires_totp: administrator }
})

const now = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 19) + '+08:00'

// regions: city → 3 streets → 3 villages → 2 grids
const regions = new Map()
function addRegion(code, name, level, parent) {
  const p = parent ? regions.get(parent) : null
  regions.set(code, { code, name, level, parent_code: parent, path: (p ? p.path : '/') + code + '/', retired: false })
}
addRegion('330784', '永康市', 'city', null)
const towns = [['330784001', '东城街道'], ['330784002', '西城街道'], ['330784003', '江南街道']]
for (const [tc, tn] of towns) {
  addRegion(tc, tn, 'town', '330784')
  for (let v = 1; v <= 3; v++) {
    const vc = `${tc}${String(v).padStart(3, '0')}`
    addRegion(vc, `${tn.slice(0, 2)}${['一', '二', '三'][v - 1]}村`, 'village', tc)
    for (let g = 1; g <= 2; g++) addRegion(`${vc}${String(g).padStart(2, '0')}`, `第${g}网格`, 'grid', vc)
  }
}
const childrenCount = (code) => [...regions.values()].filter((r) => r.parent_code === code && !r.retired).length
const regionOut = (r) => ({ ...r, children_count: childrenCount(r.code) })

const users = [
  ['admin', '系统管理员', 'system_admin', '330784'], ['secadmin', '安全管理员', 'security_admin', '330784'],
  ['auditor', '审计管理员', 'audit_admin', '330784'], ['city', '市妇联 陈华', 'city_staff', '330784'],
  ['town', '东城 王丽', 'town_staff', '330784001'], ['village', '东一村 李芳', 'village_cadre', '330784001001'],
  ['gridsister', '格姐 张敏', 'grid_sister', '33078400100101'], ['mediator', '调解员 赵强', 'mediator', '330784001'],
  ['leader', '领导 周主席', 'leader', '330784'], ['police', '110 接口', 'integration', '330784'],
  ['town2', '西城 刘燕', 'town_staff', '330784002'],
].map(([login, display_name, role, region_code], i) => ({
  id: i + 1, login, display_name, role, region_code, password: PASSWORD, locked: false, locked_until: null,
  must_change_password: false, totp_enabled: false, created_at: now(), last_sign_in_at: null,
}))

const tagsAll = ['two_cancers', 'disability', 'loss_of_self_care', 'single_parent', 'left_behind_woman', 'left_behind_child', 'low_income', 'elderly_alone', 'other']
const households = []
const people = []
const surnames = '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗'
const given = '丽芳娜敏静秀英华慧巧美娟红霞兰'
let seq = 1
for (const r of regions.values()) {
  if (r.level !== 'grid') continue
  for (let h = 0; h < 3; h++) {
    const id = households.length + 1
    const head = surnames[(id * 7) % surnames.length] + given[(id * 3) % given.length]
    households.push({ id, grid_code: r.code, address: `永康市${regions.get(r.code.slice(0, 9)).name}${id}号`, head_name: head, tags: [tagsAll[id % 9]], created_at: now(), updated_at: now(), version: 1 })
    for (let m = 0; m < 2; m++) {
      const pid = seq++
      const phone = `138${String(10000000 + pid * 7919).slice(-8)}`
      people.push({
        id: pid, household_id: id, name: m === 0 ? head : surnames[(pid * 5) % surnames.length] + given[(pid * 11) % given.length],
        gender: m === 0 ? 'female' : 'male', birth_date: `19${70 + (pid % 30)}-0${1 + (pid % 9)}-1${pid % 10}`,
        id_number: idNumber(`330784${19}${70 + (pid % 30)}0${1 + (pid % 9)}1${pid % 10}${String(pid % 1000).padStart(3, '0')}`),
        phone, address: `永康市${regions.get(r.code.slice(0, 9)).name}${id}号`, tags: m === 0 ? [tagsAll[pid % 9]] : [],
        relation: m === 0 ? 'head' : 'spouse', region_code: r.code, created_at: now(), updated_at: now(), version: 1,
      })
    }
  }
}
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[s % 11]
}
const audit = []
const sessions = new Map() // sid → {id, user, csrf, created_at, last_seen_at, ip, ua}
const signIns = []
let totpSecrets = new Map()

const maskPhone = (p) => (p ? p.slice(0, 3) + '****' + p.slice(-4) : '')
const maskId = (s) => (s ? s.slice(0, 6) + '*'.repeat(10) + s.slice(-2) : '')
const maskAddr = (a) => (a ? a.slice(0, 7) + '****' : '')
const personOut = (p) => ({ ...p, id_number: maskId(p.id_number), phone: maskPhone(p.phone), address_detail: maskAddr(p.address), address: undefined })
const regionPathNames = (code) => {
  const out = []
  for (let r = regions.get(code); r; r = r.parent_code ? regions.get(r.parent_code) : null) out.unshift(r.name)
  return out.join('/')
}
const householdOut = (h) => ({
  id: h.id, grid_code: h.grid_code, grid_name: regions.get(h.grid_code)?.name, region_path: regionPathNames(h.grid_code),
  address_detail: maskAddr(h.address), head_name: h.head_name, tags: h.tags, created_at: h.created_at, updated_at: h.updated_at,
  version: h.version, members_count: people.filter((p) => p.household_id === h.id).length,
})
const userOut = (u) => ({ ...u, password: undefined, region_name: regions.get(u.region_code)?.name })
const sessionUser = (u) => ({
  id: u.id, login: u.login, display_name: u.display_name, role: u.role, region_code: u.region_code,
  region_name: regions.get(u.region_code)?.name, permissions: ROLES.find((r) => r.role === u.role).permissions,
  must_change_password: u.must_change_password, totp_enabled: u.totp_enabled,
  totp_required: ['system_admin', 'security_admin', 'audit_admin'].includes(u.role),
})
const inScope = (u, code) => !!code && regions.get(code)?.path.startsWith(regions.get(u.region_code).path)
/** The rows inside the region asked for (?region=, the user's own by default), which must be in the user's scope. */
function listedIn(u, q, rows, regionOf) {
  const region = q.get('region') ?? u.region_code
  if (!inScope(u, region)) throw new HttpError(404, 'not_found', 'region out of scope')
  const rp = regions.get(region).path
  return rows.filter((r) => regions.get(regionOf(r)).path.startsWith(rp))
}

class HttpError extends Error {
  constructor(status, code, message, extra = {}) { super(message); Object.assign(this, { status, code, extra }) }
}
function page(items, q) {
  const p = Math.max(1, Number(q.get('page') ?? 1))
  const size = Math.min(100, Math.max(1, Number(q.get('page_size') ?? 20)))
  return { items: items.slice((p - 1) * size, p * size), page: p, page_size: size, total: items.length }
}
function need(s, perm) {
  if (!s) throw new HttpError(401, 'unauthenticated', 'sign in first')
  const u = s.user
  if (u.must_change_password && !perm.startsWith('session')) throw new HttpError(403, 'password_change_required', 'change your password first')
  if (!perm.startsWith('session') && sessionUser(u).totp_required && !u.totp_enabled) throw new HttpError(403, 'totp_enrolment_required', 'enrol TOTP first')
  if (perm !== 'session' && !sessionUser(u).permissions.includes(perm)) throw new HttpError(403, 'forbidden', 'not allowed')
  return u
}
function log(s, entity, entity_id, action, result = 'ok', detail = null) {
  audit.unshift({ id: audit.length + 1, at: now(), actor_login: s?.user.login ?? '-', actor_role: s?.user.role ?? '-', ip: '127.0.0.1', entity, entity_id, action, result, detail })
}
function validPassword(pw, login) {
  let c = 0
  for (const re of [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/]) if (re.test(pw)) c++
  return pw.length >= 10 && c >= 3 && !pw.toLowerCase().includes(login.toLowerCase())
}

async function api(req, res, url, body) {
  const m = req.method
  const path = url.pathname.slice('/api/v1'.length)
  const q = url.searchParams
  const sid = /hejia_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
  const s = sid ? sessions.get(sid) : null
  if (s) s.last_seen_at = now()
  if (m !== 'GET' && !(m === 'POST' && path === '/session') && s && req.headers['x-csrf-token'] !== s.csrf) throw new HttpError(403, 'csrf_failed', 'bad CSRF token')
  let mm
  // session
  if (path === '/session' && m === 'POST') {
    const u = users.find((x) => x.login === body.login)
    if (u?.locked) throw new HttpError(423, 'account_locked', 'account locked', { retry: 900 })
    if (!u || u.password !== body.password) {
      signIns.unshift({ login: body.login, at: now(), ip: '127.0.0.1', user_agent: req.headers['user-agent'], result: 'bad_password' })
      throw new HttpError(401, 'invalid_credentials', 'wrong login or password')
    }
    if (u.totp_enabled && !/^\d{6}$/.test(body.totp ?? '')) throw new HttpError(401, 'totp_required', 'enter the one-time code')
    const id = randomBytes(16).toString('hex')
    const sess = { id, user: u, csrf: randomBytes(16).toString('hex'), created_at: now(), last_seen_at: now(), ip: '127.0.0.1', user_agent: req.headers['user-agent'] }
    sessions.set(id, sess)
    u.last_sign_in_at = now()
    signIns.unshift({ login: u.login, at: now(), ip: '127.0.0.1', user_agent: req.headers['user-agent'], result: 'ok' })
    res.setHeader('Set-Cookie', `hejia_session=${id}; HttpOnly; SameSite=Strict; Path=/`)
    return [200, { user: sessionUser(u), csrf_token: sess.csrf }]
  }
  if (path === '/session' && m === 'GET') { need(s, 'session'); return [200, { user: sessionUser(s.user), csrf_token: s.csrf }] }
  if (path === '/session' && m === 'DELETE') { if (s) sessions.delete(s.id); res.setHeader('Set-Cookie', 'hejia_session=; Max-Age=0; Path=/'); return [204] }
  if (path === '/session/password' && m === 'POST') {
    const u = need(s, 'session')
    if (u.password !== body.old_password) throw new HttpError(400, 'validation_failed', '原密码不正确', { field: 'old_password' })
    if (!validPassword(body.new_password ?? '', u.login)) throw new HttpError(400, 'validation_failed', '新密码不符合要求', { field: 'new_password' })
    u.password = body.new_password; u.must_change_password = false
    return [204]
  }
  if (path === '/session/totp/setup' && m === 'POST') {
    const u = need(s, 'session')
    const secret = 'JBSWY3DPEHPK3PXP' + randomBytes(4).toString('hex').toUpperCase().replace(/[^A-Z2-7]/g, 'A')
    totpSecrets.set(u.id, secret)
    return [200, { secret, otpauth_uri: `otpauth://totp/HeJia:${u.login}?secret=${secret}&issuer=HeJia` }]
  }
  if (path === '/session/totp/enable' && m === 'POST') {
    const u = need(s, 'session')
    if (!/^\d{6}$/.test(body.code ?? '')) throw new HttpError(400, 'validation_failed', '验证码不正确', { field: 'code' })
    u.totp_enabled = true
    return [204]
  }
  if (path === '/session/sessions' && m === 'GET') {
    const u = need(s, 'session')
    return [200, page([...sessions.values()].filter((x) => x.user === u).map((x) => ({ id: x.id.slice(0, 8), created_at: x.created_at, last_seen_at: x.last_seen_at, ip: x.ip, user_agent: x.user_agent, current: x === s })), q)]
  }
  if ((mm = /^\/session\/sessions\/(\w+)$/.exec(path)) && m === 'DELETE') {
    const u = need(s, 'session')
    for (const [k, x] of sessions) if (x.user === u && x.id.startsWith(mm[1])) sessions.delete(k)
    return [204]
  }
  if (path === '/session/sign-ins' && m === 'GET') { const u = need(s, 'session'); return [200, page(signIns.filter((x) => x.login === u.login), q)] }
  // regions
  if (path === '/regions' && m === 'GET') {
    const u = need(s, 'region.read')
    if (q.get('root')) return [200, page([regionOut(regions.get(u.region_code))], q)]
    const parent = q.get('parent') ?? u.region_code
    if (!inScope(u, parent)) throw new HttpError(404, 'not_found', 'no such region')
    return [200, page([...regions.values()].filter((r) => r.parent_code === parent && (q.get('include_retired') || !r.retired)).map(regionOut), q)]
  }
  if ((mm = /^\/regions\/(\w+)$/.exec(path)) && m === 'GET') {
    const u = need(s, 'region.read')
    const r = regions.get(mm[1])
    if (!r || !inScope(u, r.code)) throw new HttpError(404, 'not_found', 'no such region')
    const ancestors = []
    for (let p = r.parent_code && regions.get(r.parent_code); p; p = p.parent_code && regions.get(p.parent_code)) ancestors.unshift({ code: p.code, name: p.name, level: p.level })
    return [200, { ...regionOut(r), ancestors }]
  }
  if (path === '/regions' && m === 'POST') {
    need(s, 'region.write')
    if (!body.code) throw new HttpError(400, 'validation_failed', '请输入代码', { field: 'code' })
    if (regions.has(body.code)) throw new HttpError(409, 'conflict', '代码已存在', { field: 'code' })
    const p = regions.get(body.parent_code)
    if (!p || p.level === 'grid') throw new HttpError(400, 'validation_failed', '上级不正确', { field: 'parent_code' })
    addRegion(body.code, body.name, { city: 'town', town: 'village', village: 'grid' }[p.level], p.code)
    log(s, 'region', body.code, 'create')
    return [201, regionOut(regions.get(body.code))]
  }
  if ((mm = /^\/regions\/(\w+)$/.exec(path)) && m === 'PATCH') {
    need(s, 'region.write')
    const r = regions.get(mm[1])
    if (!r) throw new HttpError(404, 'not_found', 'no such region')
    if (body.name) r.name = body.name
    if (body.parent_code) {
      const p = regions.get(body.parent_code)
      if (!p || regions.get(r.parent_code).level !== p.level) throw new HttpError(400, 'validation_failed', '只能移到同级的上级区划下', { field: 'parent_code' })
      r.parent_code = p.code
    }
    log(s, 'region', r.code, 'update')
    return [200, regionOut(r)]
  }
  if ((mm = /^\/regions\/(\w+)\/retire$/.exec(path)) && m === 'POST') {
    need(s, 'region.write')
    const r = regions.get(mm[1])
    if (childrenCount(r.code) > 0 || households.some((h) => h.grid_code === r.code)) throw new HttpError(409, 'conflict', '该区划仍有下级或被引用，不能停用')
    r.retired = true
    return [200, regionOut(r)]
  }
  if (path === '/regions/import' && m === 'POST') {
    need(s, 'region.write')
    const lines = String(body.csv ?? '').split(/\r?\n/).filter((l) => l.trim())
    const rows = []
    const ok = []
    lines.forEach((l, i) => {
      const [code, name, parent] = l.split(',').map((x) => x?.trim())
      if (i === 0 && code === 'code') return
      if (!/^\d+$/.test(code ?? '')) rows.push({ row: i + 1, field: 'code', message: '代码必须为数字' })
      else if (!name) rows.push({ row: i + 1, field: 'name', message: '名称不能为空' })
      else if (!regions.has(parent) && !ok.some((o) => o[0] === parent)) rows.push({ row: i + 1, field: 'parent_code', message: '上级区划不存在' })
      else ok.push([code, name, parent])
    })
    if (rows.length) throw new HttpError(400, 'validation_failed', 'CSV 有错误', { details: { rows } })
    for (const [c, n, p] of ok) addRegion(c, n, { city: 'town', town: 'village', village: 'grid' }[regions.get(p).level], p)
    return [200, { imported: ok.length }]
  }
  // households
  if (path === '/households' && m === 'GET') {
    let items = listedIn(need(s, 'household.read'), q, households, (h) => h.grid_code)
    if (q.get('q')) items = items.filter((h) => h.head_name.includes(q.get('q')) || h.address.includes(q.get('q')))
    if (q.get('tag')) items = items.filter((h) => h.tags.includes(q.get('tag')))
    items = [...items].sort((a, b) => b.id - a.id)
    return [200, page(items.map(householdOut), q)]
  }
  if (path === '/households' && m === 'POST') {
    const u = need(s, 'household.write')
    if (!body.grid_code || regions.get(body.grid_code)?.level !== 'grid' || !inScope(u, body.grid_code)) throw new HttpError(400, 'validation_failed', '请选择辖区内的网格', { field: 'grid_code' })
    if (!body.address_detail) throw new HttpError(400, 'validation_failed', '请输入地址', { field: 'address_detail' })
    const h = { id: households.length + 1, grid_code: body.grid_code, address: body.address_detail, head_name: body.head_name ?? '', tags: body.tags ?? [], created_at: now(), updated_at: now(), version: 1 }
    households.push(h)
    log(s, 'household', h.id, 'create')
    return [201, householdOut(h)]
  }
  if ((mm = /^\/households\/(\d+)$/.exec(path))) {
    const u = need(s, m === 'GET' ? 'household.read' : 'household.write')
    const h = households.find((x) => x.id === Number(mm[1]))
    if (!h || !inScope(u, h.grid_code)) throw new HttpError(404, 'not_found', 'no such household')
    if (m === 'PATCH') {
      if (body.version !== h.version) throw new HttpError(409, 'conflict', '数据已被他人修改')
      if (body.address_detail) h.address = body.address_detail
      if (body.head_name !== undefined) h.head_name = body.head_name
      if (body.tags) h.tags = body.tags
      h.version++
    }
    return [200, { ...householdOut(h), members: people.filter((p) => p.household_id === h.id).map(personOut) }]
  }
  // people
  if (path === '/people' && m === 'GET') {
    let items = listedIn(need(s, 'person.read'), q, people, (p) => p.region_code)
    if (q.get('q')) items = items.filter((p) => p.name.includes(q.get('q')))
    if (q.get('phone')) items = items.filter((p) => p.phone === q.get('phone'))
    if (q.get('id_number')) items = items.filter((p) => p.id_number === q.get('id_number'))
    if (q.get('tag')) items = items.filter((p) => p.tags.includes(q.get('tag')))
    if (q.get('gender')) items = items.filter((p) => p.gender === q.get('gender'))
    return [200, page([...items].reverse().map(personOut), q)]
  }
  if (path === '/people' && m === 'POST') {
    const u = need(s, 'person.write')
    const h = households.find((x) => x.id === Number(body.household_id))
    if (!h || !inScope(u, h.grid_code)) throw new HttpError(400, 'validation_failed', '家庭户不存在', { field: 'household_id' })
    if (!body.name) throw new HttpError(400, 'validation_failed', '请输入姓名', { field: 'name' })
    if (body.phone && !/^1[3-9]\d{9}$/.test(body.phone)) throw new HttpError(400, 'validation_failed', '手机号不正确', { field: 'phone' })
    const matches = people.filter((p) => (body.id_number && p.id_number === body.id_number) || (p.name === body.name && p.birth_date === body.birth_date))
    if (matches.length && !body.confirm_duplicate) throw new HttpError(409, 'possible_duplicate', '可能重复', { details: { matches: matches.map(personOut) } })
    const p = { id: seq++, household_id: h.id, name: body.name, gender: body.gender, birth_date: body.birth_date, id_number: body.id_number ?? '', phone: body.phone ?? '', address: body.address_detail ?? h.address, tags: body.tags ?? [], relation: body.relation ?? '', region_code: h.grid_code, created_at: now(), updated_at: now(), version: 1 }
    people.push(p)
    log(s, 'person', p.id, 'create')
    return [201, personOut(p)]
  }
  if ((mm = /^\/people\/(\d+)(\/sensitive)?$/.exec(path))) {
    const u = need(s, mm[2] ? 'person.reveal' : m === 'GET' ? 'person.read' : 'person.write')
    const p = people.find((x) => x.id === Number(mm[1]))
    if (!p || !inScope(u, p.region_code)) throw new HttpError(404, 'not_found', 'no such person')
    if (mm[2]) { log(s, 'person', p.id, 'reveal'); return [200, { id_number: p.id_number, phone: p.phone, address_detail: p.address }] }
    if (m === 'PATCH') {
      if (body.version !== p.version) throw new HttpError(409, 'conflict', '数据已被他人修改')
      for (const k of ['name', 'gender', 'birth_date', 'id_number', 'phone', 'tags', 'relation']) if (body[k] !== undefined) p[k] = body[k]
      if (body.address_detail) p.address = body.address_detail
      p.version++; p.updated_at = now()
    }
    return [200, personOut(p)]
  }
  // users, roles, audit
  if (path === '/roles' && m === 'GET') { need(s, 'session'); return [200, ROLES] }
  if (path === '/users' && m === 'GET') {
    const u = need(s, 'user.read')
    let items = users.filter((x) => inScope(u, x.region_code))
    if (q.get('q')) items = items.filter((x) => x.login.includes(q.get('q')) || x.display_name.includes(q.get('q')))
    if (q.get('role')) items = items.filter((x) => x.role === q.get('role'))
    return [200, page(items.map(userOut), q)]
  }
  if (path === '/users' && m === 'POST') {
    need(s, 'user.write')
    if (users.some((x) => x.login === body.login)) throw new HttpError(409, 'conflict', '账号已存在', { field: 'login' })
    if (!validPassword(body.password ?? '', body.login ?? '')) throw new HttpError(400, 'validation_failed', '密码不符合要求', { field: 'password' })
    const nu = { id: users.length + 1, ...body, locked: false, locked_until: null, must_change_password: true, totp_enabled: false, created_at: now(), last_sign_in_at: null }
    users.push(nu)
    return [201, userOut(nu)]
  }
  if ((mm = /^\/users\/(\d+)(\/(lock|unlock|reset-password))?$/.exec(path))) {
    const target = users.find((x) => x.id === Number(mm[1]))
    if (!target) throw new HttpError(404, 'not_found', 'no such user')
    if (m === 'PATCH') { need(s, 'user.write'); Object.assign(target, body); return [200, userOut(target)] }
    need(s, 'user.security')
    if (mm[3] === 'lock') { target.locked = true; target.locked_until = null }
    if (mm[3] === 'unlock') target.locked = false
    if (mm[3] === 'reset-password') { target.password = body.password; target.must_change_password = true }
    return [204]
  }
  if (path === '/audit' && m === 'GET') {
    need(s, 'audit.read')
    let items = audit
    for (const k of ['entity', 'action', 'result']) if (q.get(k)) items = items.filter((a) => a[k] === q.get(k))
    if (q.get('actor')) items = items.filter((a) => a.actor_login === q.get('actor'))
    return [200, page(items, q)]
  }
  if (path === '/audit/verify' && m === 'GET') { need(s, 'audit.read'); return [200, { ok: true, checked: audit.length }] }
  throw new HttpError(404, 'not_found', `no route ${m} ${path}`)
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' }

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost')
  res.setHeader('Content-Security-Policy', CSP)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (url.pathname.startsWith('/api/v1/')) {
    let raw = ''
    for await (const c of req) raw += c
    try {
      const body = raw ? JSON.parse(raw) : {}
      const [status, json] = await api(req, res, url, body)
      res.writeHead(status, json === undefined ? {} : { 'Content-Type': 'application/json' })
      res.end(json === undefined ? undefined : JSON.stringify(json))
    } catch (e) {
      const status = e.status ?? 500
      const headers = { 'Content-Type': 'application/json' }
      const error = { code: e.code ?? 'internal', message: e.message }
      if (e.extra?.field) error.field = e.extra.field
      if (e.extra?.details) error.details = e.extra.details
      if (e.extra?.retry) { headers['Retry-After'] = String(e.extra.retry); error.details = { retry_after_seconds: e.extra.retry } }
      if (status === 500) console.error(e)
      res.writeHead(status, headers)
      res.end(JSON.stringify({ error }))
    }
    return
  }
  let file = normalize(join(DIST, decodeURIComponent(url.pathname)))
  if (!file.startsWith(DIST)) file = join(DIST, 'index.html')
  try {
    if (!(await stat(file)).isFile()) throw new Error()
  } catch {
    file = join(DIST, 'index.html')
  }
  try {
    const data = await readFile(file)
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(data)
  } catch {
    res.writeHead(404).end('build web/dist first')
  }
}).listen(PORT, '127.0.0.1', () => console.log(`mock HeJia on http://127.0.0.1:${PORT}`))
