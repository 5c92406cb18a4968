import { Type, type Static } from 'typebox'
import { Flow } from './flow.ts'
import { OneOf, OpenObject } from './reply-fields.ts'

const LANGUAGES = ['en', 'zh-CN'] as const

/** A text in each language a starter is written in. */
const Localized = Type.Object({ en: Type.String(), 'zh-CN': Type.String() })

const Need = {
  key: Type.String({ description: 'The placeholder the import binds, e.g. sms-marketing' }),
  label: Localized,
  nodes: Type.Array(Type.String(), { description: 'The steps that use it' }),
}

/** A starter journey as the gallery lists it. */
export const StarterSummary = Type.Object({
  id: Type.String(),
  name: Localized,
  description: Localized,
  adapt: Type.Object({ en: Type.String(), 'zh-CN': Type.String() }, { description: 'What a team changes before publishing' }),
  languages: Type.Array(OneOf(LANGUAGES)),
  nodeCount: Type.Integer(),
  trigger: Type.String({ description: 'The type of the step that starts it' }),
  needs: Type.Object({
    channels: Type.Array(Type.Object({ ...Need, kind: Type.String({ description: 'The channel kind the steps need, e.g. sms.http' }), kinds: Type.Array(Type.String(), { description: 'Every kind the steps take' }) })),
    pools: Type.Array(Type.Object(Need)),
    segments: Type.Array(
      Type.Object({
        ...Need,
        suggested: Type.Union([Type.Object({ name: Localized, condition: OpenObject }), Type.Null()], {
          description: 'A segment the import dialog can create when the team has none yet',
        }),
      }),
    ),
  }),
})

export const StarterList = Type.Object({ starters: Type.Array(StarterSummary) })

export const StarterParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

const Bindings = (what: string, value: ReturnType<typeof Type.String>) =>
  Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), value, { description: `Placeholder key → ${what}` }))

export const StarterImportBody = Type.Object(
  {
    language: Type.Optional(Type.Union(LANGUAGES.map((l) => Type.Literal(l)), { default: 'en', description: 'The language of the step names and message texts' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The journey's name; default the starter's name in the language" })),
    channels: Bindings('the name of a channel of the kind the starter needs', Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$' })),
    pools: Bindings('the id of a coupon pool', Type.String({ minLength: 1, maxLength: 64 })),
    segments: Bindings('the id of a saved segment', Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
)
export type StarterImportBody = Static<typeof StarterImportBody>

export const StarterImportReply = Type.Object({
  flow: Flow,
  unbound: Type.Array(
    Type.Object({
      kind: OneOf(['channel', 'pool', 'segment']),
      key: Type.String(),
      node: Type.String(),
      field: Type.String({ description: 'The config field publishing will flag until it is filled in, e.g. config.pool' }),
    }),
    { description: 'References the import left unbound: publishing names each until the draft fills it in' },
  ),
})
