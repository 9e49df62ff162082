// 我的服务 (GET /me/service): her service minutes and visits, read online and kept sealed on the
// phone (the 我的 page shows it offline; the visit form reads her team from it). A server without
// the route (404) or no signal gives what the phone kept.
import { meApi, type MyService } from '@/api/visits'
import { cacheGet, cachePut } from './vault'

const KEY = 'me-service'

export async function keptService(): Promise<MyService | null> {
  return cacheGet<MyService>(KEY).catch(() => null)
}

export async function refreshService(): Promise<MyService | null> {
  try {
    const s = await meApi.service()
    await cachePut(KEY, s).catch(() => undefined)
    return s
  } catch {
    return keptService()
  }
}
