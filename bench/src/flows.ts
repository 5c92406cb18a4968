/**
 * The flow documents the benches publish. Each names its own trigger event,
 * so one bench's events never start another bench's runs.
 */

export const INGEST_HIT_EVENT = 'bench_ingest_hit'
export const INGEST_MISS_EVENT = 'bench_ingest_miss'
export const STEPS_EVENT = 'bench_steps'
export const BACKLOG_EVENT = 'bench_steps_backlog'
export const WAKE_EVENT = 'bench_wake'
export const HTTP_EVENT = 'bench_http'

/** Ingest: every hit event starts a run (reentry "always"); misses match no flow. */
export const ingestFlow = {
  nodes: [
    { id: 'entry', type: 'trigger.event', config: { event: INGEST_HIT_EVENT } },
    { id: 'seen', type: 'tag', config: { add: ['bench-ingest'] } },
  ],
  edges: [{ source: 'entry', sourcePort: 'next', target: 'seen' }],
  settings: { reentry: 'always', exitOn: [], timezone: 'UTC' },
}

/** Every run of `stepsFlow` executes exactly this many steps. */
export const STEPS_PER_RUN = 5

/**
 * Steps: five nodes per run, none waits — trigger, branch on an attribute,
 * one of two tags, a common tag, exit.
 */
export function stepsFlow(event: string) {
  return {
    nodes: [
      { id: 'entry', type: 'trigger.event', config: { event } },
      {
        id: 'tier', type: 'branch',
        config: { branches: [{ port: 'premium', when: { attribute: 'tier', op: 'eq', value: 'premium' } }], otherwise: 'basic' },
      },
      { id: 'tagPremium', type: 'tag', config: { add: ['premium-path'] } },
      { id: 'tagBasic', type: 'tag', config: { add: ['basic-path'] } },
      { id: 'tagSeen', type: 'tag', config: { add: ['bench-steps'] } },
      { id: 'done', type: 'exit', config: { reason: 'bench' } },
    ],
    edges: [
      { source: 'entry', sourcePort: 'next', target: 'tier' },
      { source: 'tier', sourcePort: 'premium', target: 'tagPremium' },
      { source: 'tier', sourcePort: 'basic', target: 'tagBasic' },
      { source: 'tagPremium', sourcePort: 'next', target: 'tagSeen' },
      { source: 'tagBasic', sourcePort: 'next', target: 'tagSeen' },
      { source: 'tagSeen', sourcePort: 'next', target: 'done' },
    ],
    settings: { reentry: 'once', exitOn: [], timezone: 'UTC' },
  }
}

/** Wake: trigger → wait → tag; the wait step's left_at is when the wake-up really ran. */
export const WAIT_NODE = 'pause'
export function wakeFlow(wait: string) {
  return {
    nodes: [
      { id: 'entry', type: 'trigger.event', config: { event: WAKE_EVENT } },
      { id: WAIT_NODE, type: 'wait', config: { for: wait } },
      { id: 'woke', type: 'tag', config: { add: ['bench-woke'] } },
    ],
    edges: [
      { source: 'entry', sourcePort: 'next', target: WAIT_NODE },
      { source: WAIT_NODE, sourcePort: 'next', target: 'woke' },
    ],
    settings: { reentry: 'once', exitOn: [], timezone: 'UTC' },
  }
}

/**
 * HTTP: what a webhook-fed journey does with each event — trigger, branch on
 * a property of the event that started it (the event condition, answered from
 * the events table), then update the contact on either path. Nothing waits,
 * so a run ends in the same worker job that picks it up. Reentry "always":
 * every contact is new anyway, but a repeated contact must not be refused.
 */
export const httpFlow = {
  nodes: [
    { id: 'entry', type: 'trigger.event', config: { event: HTTP_EVENT } },
    {
      id: 'plan', type: 'branch',
      config: { branches: [{ port: 'pro', when: { event: HTTP_EVENT, within: '1h', where: { plan: 'pro' } } }], otherwise: 'basic' },
    },
    { id: 'markPro', type: 'update.contact', config: { set: { plan: 'pro' }, increment: { lead_score: 10 } } },
    { id: 'markBasic', type: 'update.contact', config: { set: { plan: 'basic' } } },
  ],
  edges: [
    { source: 'entry', sourcePort: 'next', target: 'plan' },
    { source: 'plan', sourcePort: 'pro', target: 'markPro' },
    { source: 'plan', sourcePort: 'basic', target: 'markBasic' },
  ],
  settings: { reentry: 'always', exitOn: [], timezone: 'UTC' },
}
