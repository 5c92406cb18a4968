import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/** Stored secrets that cannot be opened here: sealed by another key, or no key at all. The message says which, never a value. */
export class UnreadableSecrets extends Error {
  override name = 'UnreadableSecrets'
}

/** A secret was to be stored but there is no key to seal it with. */
export class NoSecretKey extends Error {
  override name = 'NoSecretKey'
}

/**
 * Seals channel secrets with AES-256-GCM under KAIROS_SECRET_KEY (any
 * string; its SHA-256 is the AES key). A sealed value reads
 * `v2:<key id>:<iv>:<tag>:<data>`; the key id (12 hex digits of a hash of
 * the key; it opens nothing) tells a row sealed by another key from a
 * damaged one. Older forms are still read: `v1:<iv>:<tag>:<data>`
 * (no key id) and `plain:<json>` (stored without a key by earlier versions);
 * `needsSealing` finds them so they are sealed again under the current key.
 * Without a key nothing can be sealed: `seal` throws NoSecretKey for any
 * non-empty value (empty secrets are stored as '').
 */
export class SecretBox {
  readonly #key: Buffer | undefined
  /** Identifies the key in sealed values; undefined without a key. */
  readonly keyId: string | undefined

  constructor(secret: string | undefined) {
    this.#key = secret ? createHash('sha256').update(secret).digest() : undefined
    this.keyId = this.#key ? createHash('sha256').update('kairos secret key id\0').update(this.#key).digest('hex').slice(0, 12) : undefined
  }

  get canSeal(): boolean {
    return this.#key !== undefined
  }

  seal(values: Record<string, unknown>): string {
    if (Object.keys(values).length === 0) return ''
    if (!this.#key) throw new NoSecretKey('no KAIROS_SECRET_KEY to seal secrets with')
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()])
    return ['v2', this.keyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':')
  }

  /** The secrets in `sealed`; throws UnreadableSecrets saying why they cannot be read. */
  open(sealed: string): Record<string, unknown> {
    if (sealed === '') return {}
    if (sealed.startsWith('plain:')) {
      try {
        return JSON.parse(sealed.slice(6))
      } catch {
        throw new UnreadableSecrets('stored in plain text but damaged')
      }
    }
    const parts = sealed.split(':')
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, data] = parts
      if (!this.#key) throw new UnreadableSecrets(`sealed with key ${keyId}, and this server has no KAIROS_SECRET_KEY`)
      if (keyId !== this.keyId) throw new UnreadableSecrets(`sealed with key ${keyId}, not with this server's KAIROS_SECRET_KEY (key ${this.keyId})`)
      return this.#decrypt(iv, tag, data, 'sealed with this key but damaged')
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      if (!this.#key) throw new UnreadableSecrets('sealed (v1) with a key, and this server has no KAIROS_SECRET_KEY')
      return this.#decrypt(parts[1], parts[2], parts[3], `sealed (v1) with another key than this server's KAIROS_SECRET_KEY (key ${this.keyId}), or damaged`)
    }
    throw new UnreadableSecrets('not in a form Kairos knows')
  }

  /** Whether `sealed` should be sealed again under this box's key: plain or v1 rows, once there is a key. */
  needsSealing(sealed: string): boolean {
    return this.#key !== undefined && (sealed.startsWith('plain:') || sealed.startsWith('v1:'))
  }

  /** Whether `sealed` is empty or sealed under this box's key. */
  isCurrent(sealed: string): boolean {
    return sealed === '' || (this.keyId !== undefined && sealed.startsWith(`v2:${this.keyId}:`))
  }

  #decrypt(iv: string, tag: string, data: string, failure: string): Record<string, unknown> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key!, Buffer.from(iv, 'base64'))
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'))
    } catch {
      throw new UnreadableSecrets(failure)
    }
  }
}
