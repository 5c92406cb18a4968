/**
 * Appends a WeCom mention (`<@userid>`) on its own line, the markdown form a
 * group robot turns into a notification for that member. Nothing is added
 * without an id, or when the text already mentions them.
 */
export function mention(text: string, wecomId: string | null | undefined): string {
  if (!wecomId) return text
  const tag = `<@${wecomId}>`
  return text.includes(tag) ? text : `${text.trimEnd()}\n${tag}`
}
