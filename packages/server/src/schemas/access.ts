import { Type, type Static } from 'typebox'
import { KEY_SCOPES, PERMISSIONS, ROLES } from '../auth/permissions.ts'
import { LIMIT } from './api.ts'
import { DateTime, Nullable, OneOf } from './reply-fields.ts'

// An email as people type it: the check is loose on purpose (the address is a login name
// here, not a mailbox Kairos writes to), but it must look like one and fit the column.
const EMAIL = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Email address (the login name)' })
const PASSWORD = Type.String({ minLength: 1, maxLength: 1024, description: 'At least 10 characters' })
const PERSON_NAME = Type.String({ minLength: 1, maxLength: 200 })
const ROLE = Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer'), Type.Literal('sales')], { description: ROLES.join(' | ') })
/** A scope as a key's reply lists it. */
const SCOPE = OneOf(KEY_SCOPES)
const REP_ID = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], { description: 'Sales rep this user is (role sales)' })

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: ROLE,
  disabled: Type.Boolean(),
  salesRepId: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  lastLoginAt: Type.Union([DateTime, Type.Null()]),
})

export const LoginBody = Type.Object({ email: EMAIL, password: PASSWORD }, { additionalProperties: false })
export type LoginBody = Static<typeof LoginBody>

export const SetupBody = Type.Object({ email: EMAIL, name: PERSON_NAME, password: PASSWORD }, { additionalProperties: false })

export const PasswordBody = Type.Object({ currentPassword: PASSWORD, newPassword: PASSWORD }, { additionalProperties: false })

export const SessionReply = Type.Object({ user: UserView, csrfToken: Type.String() })

export const MeReply = Type.Object({
  user: Type.Union([UserView, Type.Null()]),
  key: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), prefix: Type.String(), scopes: Type.Array(SCOPE) }), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('key')]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(OneOf(PERMISSIONS), { description: 'What this session or key may do' }),
})

export const CreateUserBody = Type.Object(
  { email: EMAIL, name: PERSON_NAME, role: ROLE, password: PASSWORD, salesRepId: Type.Optional(REP_ID) },
  { additionalProperties: false },
)

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(PERSON_NAME),
    role: Type.Optional(ROLE),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(PASSWORD),
    salesRepId: Type.Optional(REP_ID),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Id (a UUID)' }) })

export const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(SCOPE),
  createdAt: DateTime,
  createdBy: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([DateTime, Type.Null()]),
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
  allowedOrigins: Type.Array(Type.String(), { description: 'Origins a browser may use a public (track) key from' }),
})

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.Union([Type.Literal('events:write'), Type.Literal('contacts:write'), Type.Literal('read'), Type.Literal('metrics'), Type.Literal('admin'), Type.Literal('track')]), { minItems: 1, maxItems: KEY_SCOPES.length, description: KEY_SCOPES.join(' | ') }),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    allowedOrigins: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
        maxItems: 50,
        description: 'A public key (scope track) only: the origins (https://shop.example) web pages may send with it from',
      }),
    ),
  },
  { additionalProperties: false },
)

export const AuditQuery = Type.Object(
  {
    target: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'type:id (flow:…), or a type alone' })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'User or key id, or a user email' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: LIMIT,
  },
  { additionalProperties: false },
)

/** One change in the audit trail: who did what to which record, when, and what changed (secrets as "changed"). */
export const AuditEntryView = Type.Object({
  id: Type.String(),
  at: DateTime,
  actor: Type.Object({ type: OneOf(['user', 'key', 'system', 'anonymous']), id: Nullable(Type.String()), label: Type.String() }),
  action: Type.String({ description: 'e.g. flow.publish, channel.update, auth.login_failed' }),
  target: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  diff: Type.Unknown({ description: 'What changed: a list of { path, from, to }, or the fields of what was created' }),
  ip: Nullable(Type.String()),
})

export const AuditList = Type.Object({ entries: Type.Array(AuditEntryView) })
