import { NodeRegistry } from '@kairos/engine'
import { systemClock, type Clock } from '@kairos/sdk'
import type { SmsProviderConfig } from './config.ts'
import type { DbHandle } from './db/connect.ts'
import { ContactService } from './contacts/contact-service.ts'
import { DeliveryQueries } from './delivery/delivery-queries.ts'
import { ingestGroups, type IncomingEvent, type IngestResult } from './events/ingest-events.ts'
import { GroupCommit } from './db/group-commit.ts'
import { MAX_EVENTS_PER_BATCH } from './schemas/api.ts'
import type { ExecutionDeps } from './execution/advance-runs.ts'
import { FlowCatalog } from './flows/flow-catalog.ts'
import { FlowService } from './flows/flow-service.ts'
import { pluginSetHash, type PluginReport } from './plugins/loader.ts'
import { RunQueries } from './runs/run-queries.ts'
import { ChannelService } from './channels/channel-service.ts'
import { ChannelKindRegistry } from './channels/channel-kind-registry.ts'
import { SecretBox } from './channels/secret-box.ts'
import { OutboundGuard } from './outbound/outbound-guard.ts'
import { SalesService } from './sales/sales-service.ts'
import { CouponService } from './coupons/coupon-service.ts'
import { SegmentService } from './segments/segment-service.ts'
import { PolicyService } from './policies/policy-service.ts'
import { CalendarService } from './calendars/calendar-service.ts'
import { UserService } from './auth/user-service.ts'
import { SessionStore, type SessionLifetime } from './auth/session-store.ts'
import { ApiKeyService } from './auth/api-key-service.ts'
import { AuditLog } from './auth/audit-log.ts'
import { trackingSettings } from './tracking/tracking-settings.ts'

export interface KairosCoreOptions {
  database: DbHandle
  registry: NodeRegistry
  /** The channel kinds the plugin loader registered (built-in and plugins'); default none. */
  channelKinds?: ChannelKindRegistry
  plugins?: PluginReport[]
  /** Defaults to the system clock. The worker reads `Date` too, so tests fake `Date` rather than pass a clock. */
  clock?: Clock
  sms?: SmsProviderConfig
  /** Key that seals channel secrets (KAIROS_SECRET_KEY); without one, channels with secrets cannot be saved. */
  secretKey?: string
  /** Hosts outbound requests may reach although private or loopback (KAIROS_ALLOWED_HOSTS entries); default none. */
  allowedHosts?: string[]
  /** How long login sessions last (default 7 days idle, 30 days in all). */
  sessionLifetime?: SessionLifetime
  /** How long one node's run() may take, in ms (KAIROS_NODE_RUN_TIMEOUT_MS; default 5000). */
  nodeRunTimeoutMs?: number
  /** KAIROS_PUBLIC_URL: the base of tracked links and open pixels (docs/tracking.md); none, no tracking. */
  publicUrl?: string
  /** Where background failures that answer no request are reported (an API key's last-use stamp). */
  onBackgroundError?: (error: unknown) => void
}

/** The services behind the API and the worker, wired once per process. */
export interface KairosCore {
  database: DbHandle
  registry: NodeRegistry
  plugins: PluginReport[]
  clock: Clock
  catalog: FlowCatalog
  flows: FlowService
  contacts: ContactService
  runs: RunQueries
  deliveries: DeliveryQueries
  channels: ChannelService
  sales: SalesService
  coupons: CouponService
  segments: SegmentService
  policies: PolicyService
  calendars: CalendarService
  execution: ExecutionDeps
  users: UserService
  sessions: SessionStore
  apiKeys: ApiKeyService
  audit: AuditLog
  /** Stores one request's events and applies them to journeys, atomically; concurrent requests share a transaction (group commit). */
  ingest(events: IncomingEvent[]): Promise<IngestResult>
}

export function createCore(options: KairosCoreOptions): KairosCore {
  const { db } = options.database
  const clock = options.clock ?? systemClock
  const catalog = new FlowCatalog(db, options.registry)
  const outbound = new OutboundGuard(options.allowedHosts ?? [])
  const pluginSet = pluginSetHash(options.plugins ?? [])
  const channels = new ChannelService(db, new SecretBox(options.secretKey), outbound, options.registry, options.channelKinds ?? new ChannelKindRegistry(), pluginSet)
  const execution: ExecutionDeps = {
    db, catalog, clock, sms: options.sms ?? { kind: 'outbox' }, channels, outbound,
    runTimeLimitMs: options.nodeRunTimeoutMs, pluginSet, tracking: trackingSettings(db, options.publicUrl),
  }
  // Concurrent requests' events share a transaction (group commit), up to one full batch's worth.
  const gather = new GroupCommit<IncomingEvent[], IngestResult>((groups) => ingestGroups({ db, catalog, clock }, groups), {
    maxSize: MAX_EVENTS_PER_BATCH,
    sizeOf: (events) => events.length,
  })
  const ingest = (events: IncomingEvent[]) => gather.submit(events)
  return {
    database: options.database,
    registry: options.registry,
    plugins: options.plugins ?? [],
    clock,
    catalog,
    flows: new FlowService(db, options.registry, catalog, channels.kinds),
    contacts: new ContactService(db, catalog, clock),
    runs: new RunQueries(db),
    deliveries: new DeliveryQueries(db),
    channels,
    sales: new SalesService(db, ingest),
    coupons: new CouponService(db),
    segments: new SegmentService(db, clock),
    policies: new PolicyService(db),
    calendars: new CalendarService(db, clock, options.registry),
    execution,
    users: new UserService(db),
    sessions: new SessionStore(db, options.sessionLifetime),
    apiKeys: new ApiKeyService(db, options.onBackgroundError ?? ((error) => console.error('[kairos] API key use not recorded:', error))),
    audit: new AuditLog(db),
    ingest,
  }
}
