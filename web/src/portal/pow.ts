// Proof of work for the public forms: the server hands out a token and a difficulty, and accepts a
// request only with a nonce (a decimal string, counted up from 0) such that
// SHA-256(token + ":" + nonce) starts with `difficulty` zero bits. A few seconds of a phone's time
// is nothing to a woman asking for help once, and a lot to a script sending thousands.
//
// SHA-256 is written out here because crypto.subtle exists only in secure contexts, and the portal
// is also reached over plain http from a LAN address. Pure functions, no DOM: the Web Worker in
// pow.worker.ts and the unit tests call them directly.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

const encoder = new TextEncoder()

/** Runs the compression function on the 64-byte block of `data` at `offset`, updating `state`. */
function compress(state: Int32Array, w: Int32Array, data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4
    w[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3]
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]
    const b = w[i - 2]
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0
  }
  let a = state[0], b = state[1], c = state[2], d = state[3]
  let e = state[4], f = state[5], g = state[6], h = state[7]
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const ch = (e & f) ^ (~e & g)
    const t1 = (h + S1 + ch + K[i] + w[i]) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const maj = (a & b) ^ (a & c) ^ (b & c)
    const t2 = (S0 + maj) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  state[0] = (state[0] + a) | 0
  state[1] = (state[1] + b) | 0
  state[2] = (state[2] + c) | 0
  state[3] = (state[3] + d) | 0
  state[4] = (state[4] + e) | 0
  state[5] = (state[5] + f) | 0
  state[6] = (state[6] + g) | 0
  state[7] = (state[7] + h) | 0
}

/**
 * Pads the last `tail.length` bytes of a message of `total` bytes into one or two blocks
 * (0x80, zeros, the bit length as a 64-bit big-endian number) and compresses them.
 */
function finish(state: Int32Array, w: Int32Array, tail: Uint8Array, total: number, scratch: Uint8Array): void {
  const blocks = tail.length < 56 ? 1 : 2
  const buf = scratch.subarray(0, blocks * 64)
  buf.fill(0)
  buf.set(tail)
  buf[tail.length] = 0x80
  const end = blocks * 64
  const high = Math.floor(total / 0x20000000) // total * 8 / 2^32
  const low = (total * 8) >>> 0
  buf[end - 8] = high >>> 24
  buf[end - 7] = high >>> 16
  buf[end - 6] = high >>> 8
  buf[end - 5] = high
  buf[end - 4] = low >>> 24
  buf[end - 3] = low >>> 16
  buf[end - 2] = low >>> 8
  buf[end - 1] = low
  compress(state, w, buf, 0)
  if (blocks === 2) compress(state, w, buf, 64)
}

function stateToBytes(state: Int32Array): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 0; i < 8; i++) {
    out[i * 4] = state[i] >>> 24
    out[i * 4 + 1] = state[i] >>> 16
    out[i * 4 + 2] = state[i] >>> 8
    out[i * 4 + 3] = state[i]
  }
  return out
}

/** SHA-256 of a string (as UTF-8) or of bytes. */
export function sha256(input: string | Uint8Array): Uint8Array {
  const data = typeof input === 'string' ? encoder.encode(input) : input
  const state = new Int32Array(H0)
  const w = new Int32Array(64)
  const full = Math.floor(data.length / 64)
  for (let i = 0; i < full; i++) compress(state, w, data, i * 64)
  finish(state, w, data.subarray(full * 64), data.length, new Uint8Array(128))
  return stateToBytes(state)
}

export function toHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

export const sha256Hex = (input: string | Uint8Array): string => toHex(sha256(input))

/** How many zero bits the digest starts with (0–256). */
export function leadingZeroBits(digest: Uint8Array): number {
  let n = 0
  for (const byte of digest) {
    if (byte === 0) {
      n += 8
      continue
    }
    return n + Math.clz32(byte) - 24
  }
  return n
}

export const meetsDifficulty = (digest: Uint8Array, difficulty: number): boolean =>
  leadingZeroBits(digest) >= difficulty

/** The server's check, written the plain way: does this nonce solve the challenge? */
export const checkNonce = (token: string, nonce: string, difficulty: number): boolean =>
  meetsDifficulty(sha256(`${token}:${nonce}`), difficulty)

/** Leading zero bits straight from the state words, without building the digest bytes. */
function stateMeets(state: Int32Array, difficulty: number): boolean {
  let left = difficulty
  for (let i = 0; i < 8 && left > 0; i++) {
    if (left >= 32) {
      if (state[i] !== 0) return false
      left -= 32
    } else {
      return state[i] >>> (32 - left) === 0
    }
  }
  return true
}

export interface SolveOptions {
  /** first nonce tried (default 0) */
  start?: number
  /** how many nonces to try before giving up with null (default: no limit) */
  limit?: number
  /** called every `progressEvery` attempts with the number tried so far in this call */
  onProgress?: (tried: number) => void
  progressEvery?: number
}

/**
 * Finds the first nonce ≥ start whose hash meets the difficulty, or null when `limit` nonces
 * were tried in vain. The blocks of "token:" that never change are hashed once (the midstate),
 * so each attempt costs one or two block compressions.
 */
export function solveChallenge(token: string, difficulty: number, options: SolveOptions = {}): string | null {
  const prefix = encoder.encode(`${token}:`)
  const full = Math.floor(prefix.length / 64)
  const mid = new Int32Array(H0)
  const w = new Int32Array(64)
  for (let i = 0; i < full; i++) compress(mid, w, prefix, i * 64)
  const rest = prefix.subarray(full * 64)
  const tail = new Uint8Array(rest.length + 20) // room for any nonce up to 2^53
  tail.set(rest)
  const scratch = new Uint8Array(128)
  const state = new Int32Array(8)
  const start = options.start ?? 0
  const end = options.limit === undefined ? Number.MAX_SAFE_INTEGER : start + options.limit
  const every = options.progressEvery ?? 4096
  for (let n = start; n < end; n++) {
    const digits = String(n)
    for (let i = 0; i < digits.length; i++) tail[rest.length + i] = digits.charCodeAt(i)
    state.set(mid)
    finish(state, w, tail.subarray(0, rest.length + digits.length), prefix.length + digits.length, scratch)
    if (stateMeets(state, difficulty)) return digits
    const tried = n - start + 1
    if (options.onProgress && tried % every === 0) options.onProgress(tried)
  }
  return null
}

/**
 * A progress figure for a search whose length is luck: the chance that a search of this
 * difficulty would have finished after `tried` attempts (1 − e^(−tried / 2^difficulty)).
 */
export function progressEstimate(tried: number, difficulty: number): number {
  if (tried <= 0) return 0
  return 1 - Math.exp(-tried / 2 ** difficulty)
}
