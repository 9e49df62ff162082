// The English messages, every area, in one chunk: fetched by i18n/index.ts when English is chosen.
import { messagesOf } from './index'

const files = import.meta.glob<Record<string, string>>('./locales/en/*.json', { eager: true, import: 'default' })

export default messagesOf('en', files)
