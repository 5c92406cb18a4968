import { Type } from 'typebox'

/** A short link's code, as the redirect and the pixel take it (checked by the handler, not the schema: any unknown one is the 404 page, never a 400). */
export const TrackedLinkParams = Type.Object({ code: Type.String({ description: 'The code after /c/ in the short link' }) })
export const TrackedPixelParams = Type.Object({ file: Type.String({ description: '<code>.gif, the open pixel of an email' }) })

const page = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } })
const gif = (description: string) => ({ description, content: { 'image/gif': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } })

/** GET /c/:code answers: a redirect to the stored target, or a page saying the link is unknown. */
export const TrackedLinkResponses = {
  302: Type.Unsafe<void>({ type: 'null', description: "Redirect (Location) to the link's stored target; the first counted click of a delivery emits message.clicked" }),
  404: page('Unknown code (or a preview link): a page saying so, never a redirect'),
}

/** GET /o/:file answers: the 1×1 transparent GIF, whether or not the code is known. */
export const TrackedPixelResponses = {
  200: gif('The 1×1 transparent GIF; the first counted load of a delivery\'s pixel emits message.opened'),
  404: gif('Unknown code: the same GIF, so a mail client shows nothing broken'),
}
