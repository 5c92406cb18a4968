import { defineNode } from '@kairos/sdk'
import { CallConfig, validateCall } from './config.ts'
import { callByProvider } from './provider-call.ts'
import { callByTask } from './task-call.ts'
import { i18nV1 } from './i18n.ts'

/**
 * An outbound call, then a wait for how it went: one port per outcome
 * (answered, no_answer, busy), `timeout` when nobody reports within
 * `timeout`, `failed` when the call cannot be made. It is a `wait` node
 * because the run pauses here, which also lets a flow loop through it.
 * Version 1 predates message policies: a suppressed provider call goes to
 * `failed` with the rule; version 2 (v2.ts) has a `suppressed` port.
 */
export default defineNode({
  type: 'call',
  version: 1,
  title: 'Call',
  category: 'wait',
  description:
    "Call the contact, then wait for the outcome. Task mode gives the contact's owner a call task; completing it with an outcome " +
    '(answered, no_answer, busy) moves the run on. Provider mode places the call through a call.http channel; the provider reports ' +
    'by posting the event call.completed for the contact with properties { call: "delivery:<id>" (the id it was sent), outcome }. ' +
    'No owner (task mode) or no number (provider mode): "failed".',
  i18n: i18nV1,
  config: CallConfig,
  ports: ['answered', 'no_answer', 'busy', 'timeout', 'failed'],
  validate: validateCall,
  run: (ctx) => (ctx.config.mode === 'provider' ? callByProvider(ctx) : callByTask(ctx)),
})
