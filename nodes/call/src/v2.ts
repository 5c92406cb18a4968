import { defineNode } from '@kairos/sdk'
import { CallConfig, validateCall } from './config.ts'
import { callByProvider } from './provider-call.ts'
import { callByTask } from './task-call.ts'
import { i18nV2 } from './i18n.ts'

/**
 * call version 2: version 1 plus a `suppressed` port. A provider call is a
 * marketing message to the contact, so consent (`consent.call`), frequency
 * caps and quiet hours apply to it; when a policy stops it the run leaves
 * through `suppressed` with the rule on the step. Task mode gives a rep a
 * task and sends nothing, so no policy applies there.
 */
export default defineNode({
  type: 'call',
  version: 2,
  title: 'Call',
  category: 'wait',
  description:
    "Call the contact, then wait for the outcome. Task mode gives the contact's owner a call task; completing it with an outcome " +
    '(answered, no_answer, busy) moves the run on. Provider mode places the call through a call.http channel; the provider reports ' +
    'by posting the event call.completed for the contact with properties { call: "delivery:<id>" (the id it was sent), outcome }. ' +
    'No owner (task mode) or no number (provider mode): "failed". Provider calls obey consent, frequency caps and quiet hours: ' +
    '"suppressed" when a cap or the contact\'s consent stops the call.',
  i18n: i18nV2,
  config: CallConfig,
  ports: ['answered', 'no_answer', 'busy', 'timeout', 'failed', 'suppressed'],
  validate: validateCall,
  run: (ctx) => (ctx.config.mode === 'provider' ? callByProvider(ctx, { suppressedPort: 'suppressed' }) : callByTask(ctx)),
})
