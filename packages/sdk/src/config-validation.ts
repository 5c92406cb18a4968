import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { TSchema } from 'typebox'
import { isDuration } from './duration.ts'
import type { Problem } from './problem.ts'

// ajv-formats ships CommonJS; its default export is the function under Node's ESM interop.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true })
;(addFormats as unknown as (a: Ajv) => void)(ajv)
ajv.addFormat('kairos-duration', { type: 'string', validate: isDuration })
ajv.addFormat('kairos-time-of-day', { type: 'string', validate: (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s) })
ajv.addFormat('kairos-template', { type: 'string', validate: () => true })

const compiled = new WeakMap<object, ValidateFunction>()

/** Turns ajv's errors into problems whose field is a dotted path under `prefix`. */
export function ajvProblems(errors: ErrorObject[] | null | undefined, prefix: string): Problem[] {
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of errors ?? []) {
    // anyOf/oneOf branches repeat the same failure; the summary line is enough.
    if (error.keyword === 'const' && error.schemaPath.includes('anyOf')) continue
    const path = error.instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('')
    let field = `${prefix}${path}`
    let message = error.message ?? 'is invalid'
    if (error.keyword === 'required') field = `${field}.${(error.params as { missingProperty: string }).missingProperty}`, message = 'is required'
    if (error.keyword === 'additionalProperties')
      field = `${field}.${(error.params as { additionalProperty: string }).additionalProperty}`, message = 'is not a known field'
    if (error.keyword === 'format' && error.params.format === 'kairos-duration') message = 'must be a duration such as 30s, 5m or 3d (at most 3650d)'
    const key = `${field}:${message}`
    if (!seen.has(key)) seen.add(key), problems.push({ field, message })
  }
  return problems
}

/** Validates `value` against a JSON schema (applying defaults in place); problems are prefixed with `prefix`. */
export function validateAgainstSchema(schema: TSchema | object, value: unknown, prefix = 'config'): Problem[] {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  return validate(value) ? [] : ajvProblems(validate.errors, prefix)
}
