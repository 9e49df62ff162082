// The zh-CN messages of the console's pages (every area but those the app comes with, i18n/index.ts),
// in one chunk: fetched with the first page after signing in.
import { messagesOf } from './index'

const files = import.meta.glob<Record<string, string>>(
  ['./locales/zh-CN/*.json', '!./locales/zh-CN/{common,menu,session}.json'], { eager: true, import: 'default' })

export default messagesOf('zh-CN', files)
