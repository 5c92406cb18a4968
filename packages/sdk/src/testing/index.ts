export { ManualClock } from './manual-clock.ts'
export { createMemoryServices, type MemoryWorld, type RecordedMessage } from './memory-services.ts'
export { runNode, type RunNodeOptions, type RunNodeOutcome } from './run-node.ts'
