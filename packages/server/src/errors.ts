/** One problem in a request, naming the field (and the flow node, where there is one). */
export interface ErrorDetail {
  field: string
  message: string
  node?: string | null
}

/** The catalog of coded errors the API returns as `{ error: { code, message, details } }`. */
export const ERROR_CODES = {
  KAIROS_VALIDATION: 400,
  KAIROS_FLOW_INVALID: 400,
  KAIROS_UNAUTHORIZED: 401,
  KAIROS_FORBIDDEN: 403,
  KAIROS_CSRF: 403,
  KAIROS_NOT_FOUND: 404,
  KAIROS_CONFLICT: 409,
  KAIROS_PAYLOAD_TOO_LARGE: 413,
  KAIROS_URI_TOO_LONG: 414,
  KAIROS_UNSUPPORTED_MEDIA_TYPE: 415,
  KAIROS_RATE_LIMITED: 429,
  KAIROS_NOT_READY: 503,
  KAIROS_INTERNAL: 500,
} as const
export type ErrorCode = keyof typeof ERROR_CODES

export class KairosError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly details: ErrorDetail[]

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message)
    this.code = code
    this.statusCode = ERROR_CODES[code]
    this.details = details
  }
}

export const notFound = (what: string, id: string) => new KairosError('KAIROS_NOT_FOUND', `${what} "${id}" does not exist`)
