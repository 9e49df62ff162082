import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { sha256Hex, leadingZeroBits, meetsDifficulty, checkNonce, solveChallenge, progressEstimate } from './pow'

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

describe('SHA-256 written out for plain-http phones', () => {
  it('hashes the empty string to the published vector', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
  it('hashes "abc" to the published vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
  it('hashes the two-block NIST message to the published vector', () => {
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
  })
  it('hashes a 1,000-character string like Node does', () => {
    const s = 'a'.repeat(1000)
    expect(sha256Hex(s)).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3')
    expect(sha256Hex(s)).toBe(nodeSha(s))
  })
  it('agrees with Node at every length around the block and padding edges, and on Chinese text', () => {
    for (let n = 0; n <= 200; n++) {
      const s = 'x'.repeat(n)
      expect(sha256Hex(s), `length ${n}`).toBe(nodeSha(s))
    }
    const zh = '我要求助：孩子的抚养费已经三个月没有给了。'.repeat(7)
    expect(sha256Hex(zh)).toBe(nodeSha(zh))
  })
})

describe('leading zero bits', () => {
  it('counts whole zero bytes and the zero bits of the first non-zero byte', () => {
    expect(leadingZeroBits(new Uint8Array([0x80, 0]))).toBe(0)
    expect(leadingZeroBits(new Uint8Array([0x01, 0xff]))).toBe(7)
    expect(leadingZeroBits(new Uint8Array([0x00, 0x0f]))).toBe(12)
    expect(leadingZeroBits(new Uint8Array([0x00, 0x00, 0x20]))).toBe(18)
    expect(leadingZeroBits(new Uint8Array(32))).toBe(256)
  })
  it('a digest meets a difficulty only with at least that many zero bits', () => {
    const d = new Uint8Array([0x00, 0x0f, 0xff])
    expect(meetsDifficulty(d, 12)).toBe(true)
    expect(meetsDifficulty(d, 13)).toBe(false)
    expect(meetsDifficulty(d, 0)).toBe(true)
  })
})

describe('the proof-of-work solver', () => {
  it('finds the first nonce for difficulty 12, checked the plain way', () => {
    const token = 'v1.1764336600.Zm9vYmFyYmF6cXV4.c2lnbmF0dXJl'
    const nonce = solveChallenge(token, 12)
    expect(nonce).not.toBeNull()
    expect(nonce).toMatch(/^(0|[1-9]\d*)$/)
    expect(checkNonce(token, nonce!, 12)).toBe(true)
    // it counts up from 0, so no smaller nonce works
    for (let n = 0; n < Number(nonce); n++) expect(checkNonce(token, String(n), 12)).toBe(false)
    // and the hash really starts with 12 zero bits (three hex zeros), by Node's own SHA-256
    expect(nodeSha(`${token}:${nonce}`).slice(0, 3)).toBe('000')
  })
  it('works for a token longer than one block (the midstate path)', () => {
    const token = 'T'.repeat(150)
    const nonce = solveChallenge(token, 10)!
    expect(checkNonce(token, nonce, 10)).toBe(true)
    expect(parseInt(nodeSha(`${token}:${nonce}`).slice(0, 3), 16) >> 2).toBe(0)
  })
  it('resumes from a start and gives up after a limit', () => {
    const token = 'resume-me'
    const first = Number(solveChallenge(token, 8))
    expect(solveChallenge(token, 8, { start: 0, limit: first })).toBeNull()
    expect(solveChallenge(token, 8, { start: first, limit: 1 })).toBe(String(first))
    const next = solveChallenge(token, 8, { start: first + 1 })!
    expect(Number(next)).toBeGreaterThan(first)
    expect(checkNonce(token, next, 8)).toBe(true)
  })
  it('reports progress while searching', () => {
    const seen: number[] = []
    solveChallenge('no-luck', 40, { limit: 1000, progressEvery: 250, onProgress: (n) => seen.push(n) })
    expect(seen).toEqual([250, 500, 750, 1000])
  })
  it('estimates progress between 0 and 1, growing with attempts', () => {
    expect(progressEstimate(0, 16)).toBe(0)
    expect(progressEstimate(2 ** 16, 16)).toBeCloseTo(1 - Math.exp(-1), 10)
    expect(progressEstimate(10 * 2 ** 16, 16)).toBeLessThan(1)
    expect(progressEstimate(1000, 16)).toBeLessThan(progressEstimate(2000, 16))
  })
})
