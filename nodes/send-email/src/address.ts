import { readPath, type ContactSnapshot } from '@kairos/sdk'

// Deliberately loose: one @ with something on both sides and no spaces. The
// SMTP server is the judge of the rest; this only keeps junk out of the outbox.
const ADDRESS = /^[^\s@]+@[^\s@]+$/

/** The address in attribute `path`, or why there is none to send to. */
export function addressOf(contact: ContactSnapshot, path: string): { to: string } | { reason: string } {
  const value = readPath(contact.attributes, path)
  if (typeof value !== 'string' || value.trim() === '') return { reason: `contact has no ${path}` }
  const to = value.trim()
  return ADDRESS.test(to) ? { to } : { reason: `${path} "${to}" is not an email address` }
}
