import { readPath, type ContactSnapshot } from '@kairos/sdk'

/** The number in the attribute `path` (dotted paths allowed), or null when it is missing or blank. */
export function phoneOf(contact: ContactSnapshot, path: string): string | null {
  const value = readPath(contact.attributes, path)
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}
