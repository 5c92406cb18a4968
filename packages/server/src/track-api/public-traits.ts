import { KairosError } from '../errors.ts'

/**
 * What a public key's identify traits may change on a contact (docs/tracking.md, "What a
 * public key may change"). A public key sits in every page's source, so whoever reads it
 * can send traits for any userId they guess. Keys that say where a message goes or whether
 * it may go are set only on a contact the same request creates (a sign-up); every other key
 * is only added where the contact lacks it; nothing is ever changed or removed.
 */

/**
 * Attribute keys that route a message or decide whether, when and by whom it is sent: where
 * SMS, calls, email, WeChat and WeCom messages go, the consent opt-outs, the owner, the
 * timezone quiet hours are read in. Compared without case, `_` or `-` (`Phone`, `wecom_user_id`
 * and `wecomUserId` are all protected). The workspace's consent attribute (message policies)
 * is protected whatever it is called.
 */
export const PROTECTED_TRAITS: readonly string[] = [
  'phone', 'mobile', 'phoneNumber', 'tel',
  'email',
  'openid', 'unionid',
  'wecomUserId', 'wecomExternalUserId', 'externalUserId',
  'consent', 'ownerId', 'owner', 'timezone',
]

const normal = (key: string) => key.toLowerCase().replace(/[_-]/g, '')
const PROTECTED = new Set(PROTECTED_TRAITS.map(normal))

/** Whether a public key may set `key` only on a contact its own request creates. */
export function isProtectedTrait(key: string, consentAttribute: string): boolean {
  const k = normal(key)
  return PROTECTED.has(k) || k === normal(consentAttribute)
}

/**
 * Keys a public key never sets, not even on a contact it creates: any ending in `verified`
 * (`phone_verified`, `emailVerified`). Your back end sets them once it checked the customer
 * (a code sent to the phone, a CAPTCHA), so a journey that starts on one cannot be set off by a
 * bot's sign-up (SMS pumping).
 */
export function isServerOnlyTrait(key: string): boolean {
  return normal(key).endsWith('verified')
}

/** A contact's attributes may grow through public keys only while they stay within this many bytes of JSON. */
export const PUBLIC_ATTRIBUTES_BYTES = 16 * 1024
/** The traits held for one anonymous visitor (identify calls naming no user yet), at most, in bytes of JSON. */
export const HELD_TRAITS_BYTES = 16 * 1024

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value))

/**
 * The attributes a public key's traits write to a contact whose attributes are `current`:
 * on a contact this request `created`, every trait but the server-only ones; on an existing
 * one, only unprotected keys it lacks. Nulls (removals) are dropped either way. Refuses, naming `field`, traits
 * that would take the contact's attributes past PUBLIC_ATTRIBUTES_BYTES.
 */
export function publicTraitWrites(current: Record<string, unknown>, traits: Record<string, unknown>, options: { created: boolean; consentAttribute: string; field: string }): Record<string, unknown> {
  const writes = Object.fromEntries(
    Object.entries(traits).filter(([key, value]) => value !== null && !(key in current) && !isServerOnlyTrait(key) && (options.created || !isProtectedTrait(key, options.consentAttribute))),
  )
  if (Object.keys(writes).length > 0 && bytes({ ...current, ...writes }) > PUBLIC_ATTRIBUTES_BYTES)
    throw new KairosError('KAIROS_VALIDATION', `${options.field} would take the contact's attributes past ${PUBLIC_ATTRIBUTES_BYTES / 1024} KB, the most a public key may fill`, [
      { field: options.field, message: `would take the contact's attributes past ${PUBLIC_ATTRIBUTES_BYTES / 1024} KB, the most a public key may fill` },
    ])
  return writes
}

/** Refuses, naming `field`, held traits for one visitor past HELD_TRAITS_BYTES. */
export function checkHeldTraits(held: Record<string, unknown>, field: string): void {
  if (bytes(held) <= HELD_TRAITS_BYTES) return
  const message = `would take the traits held for this anonymous visitor past ${HELD_TRAITS_BYTES / 1024} KB: identify the visitor with a userId`
  throw new KairosError('KAIROS_VALIDATION', `${field} ${message}`, [{ field, message }])
}
