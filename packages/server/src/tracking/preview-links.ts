import { NO_LINK_TRACKER, type LinkTracker } from '@kairos/sdk'
import { clickUrl, previewCode } from './link-code.ts'
import { trackTarget } from './step-links.ts'

/**
 * The links a template preview shows for `| track`: `<base>/c/preview-01`, `-02`, … as long as
 * real ones (so the SMS length is right) but never stored, and their page says they are
 * previews. Without a public base URL the preview fails as the real render would, naming
 * KAIROS_PUBLIC_URL, so the editor learns it before publishing.
 */
export function previewLinks(publicUrl: string | undefined): LinkTracker {
  let made = 0
  return {
    track(target) {
      if (publicUrl === undefined) throw new Error(NO_LINK_TRACKER)
      trackTarget(target)
      return clickUrl(publicUrl, previewCode(made++))
    },
  }
}
