import type { NodeServices } from '@kairos/sdk'

/** Text with Liquid markup. Other values, and text without `{{` or `{%`, are constants stored as written. */
export function isTemplate(value: unknown): value is string {
  return typeof value === 'string' && (value.includes('{{') || value.includes('{%'))
}

/**
 * The values to set, templates rendered for this contact. All are rendered
 * before anything changes, so every template sees the contact as it entered
 * the step. A rendered template is text: "120", not 120 (conditions compare
 * numeric text as numbers).
 */
export async function renderValues(values: Record<string, unknown>, templates: NodeServices['templates']): Promise<Record<string, unknown>> {
  const rendered: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) rendered[name] = isTemplate(value) ? await templates.render(value) : value
  return rendered
}
