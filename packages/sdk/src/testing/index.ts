export { ManualClock } from './manual-clock.ts'
export { createMemoryServices, type MemoryWorld, type RecordedEffect, type RecordedMessage } from './memory-services.ts'
export { runNode, type RunNodeOptions, type RunNodeOutcome } from './run-node.ts'
export { fetchTransport, runPendingEffects, type EffectRunOptions } from './run-effects.ts'
