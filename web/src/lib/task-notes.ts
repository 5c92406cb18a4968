// What a task's notes hold. A journey's call step puts only the number to call there (no words,
// so the Tasks page can label it in the rep's language); tasks made before that hold
// "Phone: <number>". Anything else is a person's note, shown as written.

const NUMBER = /^\+?[\d][\d\s()-]{2,30}$/
const OLD_LABEL = /^Phone:\s*/

/** The number a call task's notes give (`+8613800000001`), or null for notes that are a person's words. */
export function taskPhone(notes: string | null | undefined): string | null {
  if (!notes) return null
  const value = notes.trim().replace(OLD_LABEL, '')
  return NUMBER.test(value) ? value : null
}

/** A `tel:` link for the number: digits and a leading + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`
}
