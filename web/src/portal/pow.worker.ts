// Solves one proof-of-work challenge off the main thread, so the page keeps answering taps.
// In: {token, difficulty}. Out: {type:'progress', tried} now and then, then {type:'done', nonce}.
import { solveChallenge } from './pow'

export interface PowRequest {
  token: string
  difficulty: number
}
export type PowReply = { type: 'progress'; tried: number } | { type: 'done'; nonce: string }

const post = (reply: PowReply) => (self as unknown as Worker).postMessage(reply)

self.onmessage = (e: MessageEvent<PowRequest>) => {
  const { token, difficulty } = e.data
  const nonce = solveChallenge(token, difficulty, {
    progressEvery: 8192,
    onProgress: (tried) => post({ type: 'progress', tried }),
  })
  // without a limit the search ends only with a nonce
  post({ type: 'done', nonce: nonce ?? '' })
}
