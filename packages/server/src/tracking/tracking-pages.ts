/** The 1×1 transparent GIF the open pixel answers with (42 bytes). */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/**
 * The page a short link with an unknown code shows (in English and Chinese, as contacts read
 * either): no redirect anywhere. A preview link (template preview, simulation) says it is one.
 */
export function linkNotFoundPage(preview: boolean): string {
  const [en, zh] = preview
    ? ['This is a preview link: it shows where a tracked link will be, and leads nowhere.', '这是预览链接，仅示意追踪链接的位置，无法打开。']
    : ['This link is not known or has expired.', '该链接不存在或已过期。']
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Link not found · 链接无效</title></head>
<body style="font-family: system-ui, 'PingFang SC', 'Noto Sans CJK SC', sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #333">
<p>${en}</p><p lang="zh-CN">${zh}</p>
</body></html>
`
}
