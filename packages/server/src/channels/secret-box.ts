import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Seals channel secrets with AES-256-GCM under KAIROS_SECRET_KEY (any string;
 * hashed to a key). Without a key, secrets are stored as plain JSON, marked so,
 * and still never returned by the API. A sealed value reads `v1:<iv>:<tag>:<data>`.
 */
export class SecretBox {
  readonly #key: Buffer | undefined

  constructor(secret: string | undefined) {
    this.#key = secret ? createHash('sha256').update(secret).digest() : undefined
  }

  seal(values: Record<string, unknown>): string {
    const plain = JSON.stringify(values)
    if (!this.#key) return `plain:${plain}`
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':')
  }

  open(sealed: string): Record<string, unknown> {
    if (sealed === '') return {}
    if (sealed.startsWith('plain:')) return JSON.parse(sealed.slice(6))
    if (!this.#key) throw new Error('channel secrets are encrypted but KAIROS_SECRET_KEY is not set')
    const [, iv, tag, data] = sealed.split(':')
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'))
  }
}
