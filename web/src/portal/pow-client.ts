// Fetches a challenge and solves it in a Web Worker (pow.worker.ts), reporting progress; falls
// back to the page's own thread, in slices, where a worker cannot start.
import { ref } from 'vue'
import { PortalError, portalApi, type ChallengeAnswer } from './api'
import { progressEstimate, solveChallenge } from './pow'
import type { PowReply, PowRequest } from './pow.worker'

function solveInWorker(token: string, difficulty: number, onTried: (n: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' })
    } catch (e) {
      reject(e)
      return
    }
    worker.onmessage = (e: MessageEvent<PowReply>) => {
      if (e.data.type === 'progress') {
        onTried(e.data.tried)
        return
      }
      worker.terminate()
      resolve(e.data.nonce)
    }
    worker.onerror = (e) => {
      worker.terminate()
      e.preventDefault()
      reject(new Error('worker failed'))
    }
    worker.postMessage({ token, difficulty } satisfies PowRequest)
  })
}

async function solveOnPage(token: string, difficulty: number, onTried: (n: number) => void): Promise<string> {
  const slice = 20000
  for (let start = 0; ; start += slice) {
    const nonce = solveChallenge(token, difficulty, { start, limit: slice })
    if (nonce !== null) return nonce
    onTried(start + slice)
    await new Promise((r) => setTimeout(r, 0)) // let the page draw the progress
  }
}

/** A proof-of-work run for one submission, with its progress (0–1) for the view. */
export function usePow() {
  const running = ref(false)
  const progress = ref(0)

  async function solve(): Promise<ChallengeAnswer> {
    running.value = true
    progress.value = 0
    try {
      const { token, difficulty } = await portalApi.challenge()
      const onTried = (n: number) => (progress.value = progressEstimate(n, difficulty))
      let nonce: string
      try {
        nonce = await solveInWorker(token, difficulty, onTried)
      } catch {
        nonce = await solveOnPage(token, difficulty, onTried)
      }
      progress.value = 1
      return { token, nonce }
    } finally {
      running.value = false
    }
  }

  /** Sends with a solved challenge; one that expired while she was typing (or was used) is
   * solved afresh, once. */
  async function send<T>(submit: (challenge: ChallengeAnswer) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const challenge = await solve()
      try {
        return await submit(challenge)
      } catch (e) {
        if (attempt === 0 && e instanceof PortalError && e.status === 400 && e.field === 'challenge') continue
        throw e
      }
    }
  }

  return { running, progress, solve, send }
}
