import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

/**
 * How runs make tracked links: the public base URL they point at (KAIROS_PUBLIC_URL; none: the
 * `track` filter fails and email links are left as written) and the installation's code key.
 * A journey simulation passes `preview: true`: its links are visibly not live and not stored.
 */
export interface TrackingSettings {
  publicUrl?: string
  preview?: boolean
  /** The HMAC key of link codes (tracking_keys), read once per process. */
  key(): Promise<Buffer>
}

/** Tracking settings over a database; the key is read on first use and kept. */
export function trackingSettings(db: Db, publicUrl: string | undefined): TrackingSettings {
  let key: Promise<Buffer> | undefined
  return {
    publicUrl,
    key() {
      key ??= sql<{ secret: Buffer }>`select secret from tracking_keys where id`
        .execute(db)
        .then(({ rows }) => {
          if (!rows[0]) throw new Error('tracking_keys has no key: run the migrations (0020_tracked_links.sql makes it)')
          return rows[0].secret
        })
        .catch((error: unknown) => {
          key = undefined
          throw error
        })
      return key
    },
  }
}
