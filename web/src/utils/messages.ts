// The server writes its messages in both languages, "中文 / English". The console shows the half
// that matches the user's language; a message without that shape is shown as it is.

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/

/** The part of a bilingual server message for `locale` ('zh-CN' or 'en'). */
export function localMessage(message: string, locale: string): string {
  if (!message) return message
  // The English half never holds Chinese text; the Chinese half always does. Split at the
  // first " / " after which no Chinese follows, so a "/" inside either half is kept.
  let from = 0
  for (;;) {
    const at = message.indexOf(' / ', from)
    if (at < 0) return message
    const zh = message.slice(0, at).trim()
    const en = message.slice(at + 3).trim()
    if (CJK.test(zh) && en && !CJK.test(en)) return locale === 'en' ? en : zh
    from = at + 3
  }
}
