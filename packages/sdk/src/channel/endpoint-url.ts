/**
 * The URL of `path` (`/cgi-bin/gettoken`) under a provider endpoint from a channel's config,
 * with exactly one `/` between them: `https://qyapi.weixin.qq.com/` as pasted from a browser,
 * or a proxy's `https://proxy.example/wecom/`, never gives `//cgi-bin/…` (which WeCom and
 * WeChat answer with an error, not the API).
 *
 * ```ts
 * ctx.http.post(endpointUrl(ctx.config.baseUrl, '/cgi-bin/message/send'), { json })
 * ```
 */
export function endpointUrl(base: string, path: string): string {
  return `${trimEndpoint(base)}/${path.replace(/^\/+/, '')}`
}

/** `base` without its trailing slashes: one form of an endpoint, for a token cache key, say. */
export function trimEndpoint(base: string): string {
  return base.replace(/\/+$/, '')
}
