// Vitest: the console's messages are fetched with its pages in the app (i18n/index.ts); the tests
// render those pages' components directly, so they get the messages first.
import { consoleMessages } from './index'

await consoleMessages()
