import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats ships CommonJS; its default export is the function under Node's ESM interop.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void

/** The parts of an OpenAPI 3 document the contract reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, unknown> }
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>
}

/** One answer of the API, as the contract checks it. */
export interface Answer {
  method: string
  /** The route as the OpenAPI document names it, e.g. `/api/flows/{id}`. */
  path: string
  status: number
  /** The content-type header, if any. */
  contentType?: string
  /** The body as sent (text); empty for none. */
  body: string
}

/** `/api/flows/:id` (Fastify's form) as the OpenAPI document writes it: `/api/flows/{id}`. */
export const openApiPath = (fastifyUrl: string) => fastifyUrl.replace(/:(\w+)/g, '{$1}')

/**
 * Every answer the tests receive, checked against the app's own OpenAPI document: the route
 * must declare the status (exactly, or as 4XX / 5XX), and the body must match the schema it
 * declares for it, so the document, the serializer and the editor's generated types cannot
 * drift apart unseen. `check` returns what is wrong, naming route, status and schema error.
 */
export class OpenApiContract {
  readonly #document: OpenApiDocument
  readonly #ajv = new Ajv({ allErrors: true, strict: false, logger: false })
  readonly #validators = new Map<string, ValidateFunction>()
  readonly #templates: Array<{ path: string; pattern: RegExp; params: number }>

  constructor(document: OpenApiDocument) {
    this.#document = document
    addFormats(this.#ajv)
    // Static segments win over parameters (`/api/segments/preview` before `/api/segments/{id}`).
    this.#templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params)
  }

  /** The documented route a concrete URL (`/api/flows/8c1…?limit=5`) is an instance of, if any. */
  routeOf(method: string, url: string): string | undefined {
    const pathname = new URL(url, 'http://kairos').pathname
    const verb = documentedMethod(method)
    return this.#templates.find((t) => t.pattern.test(pathname) && this.#document.paths[t.path][verb])?.path
  }

  /** What is wrong with the answer, or undefined when it keeps the contract. */
  check(answer: Answer): string | undefined {
    const name = `${answer.method} ${answer.path} answered ${answer.status}`
    const operation = this.#document.paths[answer.path]?.[documentedMethod(answer.method)]
    if (!operation) return `${name}, but the OpenAPI document has no ${answer.method} ${answer.path}`
    const responses = operation.responses ?? {}
    const declared = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((key) => responses[key])
    if (!declared) return `${name}, a status its OpenAPI responses do not declare (${Object.keys(responses).join(', ') || 'none'})`
    // HEAD answers with the GET route's headers and no body.
    if (answer.method === 'HEAD') return undefined
    const content = responses[declared].content
    if (!content) return answer.body === '' ? undefined : `${name} with a body, but its OpenAPI response declares no content`
    const mediaType = (answer.contentType ?? '').split(';')[0].trim() || 'application/json'
    const declaredType = content[mediaType] ? mediaType : undefined
    if (!declaredType) return `${name} as ${mediaType}, but its OpenAPI response declares ${Object.keys(content).join(', ')}`
    const schema = content[declaredType].schema
    if (!schema) return undefined
    let value: unknown = answer.body
    if (declaredType.endsWith('json')) {
      try {
        value = JSON.parse(answer.body)
      } catch {
        return `${name} with a body that is not JSON: ${answer.body.slice(0, 200)}`
      }
    }
    const validate = this.#validator(`${answer.method} ${answer.path} ${declared} ${declaredType}`, schema)
    if (validate(value)) return undefined
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
    return `${name}, which breaks its response schema (${declared}): ${errors.join('; ')}\nbody: ${answer.body.slice(0, 500)}`
  }

  #validator(key: string, schema: object): ValidateFunction {
    let validate = this.#validators.get(key)
    if (!validate) {
      // The document's components ride along, so `#/components/schemas/…` references resolve.
      validate = this.#ajv.compile({ components: this.#document.components ?? {}, allOf: [schema] })
      this.#validators.set(key, validate)
    }
    return validate
  }
}

const documentedMethod = (method: string) => (method === 'HEAD' ? 'get' : method.toLowerCase())
