import { Type, type Static } from 'typebox'

/** The languages every starter is written in; a starter file must carry each one. */
export const STARTER_LANGUAGES = ['en', 'zh-CN'] as const
export type StarterLanguage = (typeof STARTER_LANGUAGES)[number]

/** A text in every starter language. */
export const Localized = Type.Object({ en: Type.String({ minLength: 1 }), 'zh-CN': Type.String({ minLength: 1 }) }, { additionalProperties: false })
export type Localized = Static<typeof Localized>

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })

/** A segment a starter needs, with the rule the import dialog offers to create it from. */
const SegmentReference = Type.Object(
  {
    en: Type.String({ minLength: 1 }),
    'zh-CN': Type.String({ minLength: 1 }),
    suggestedName: Type.Optional(Localized),
    suggestedCondition: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)

/**
 * One starter journey as its file holds it (`<id>.starter.json`). The graph is a
 * flow document whose strings may be placeholders, each a whole string value:
 * `$text:<key>` (the key's text in the chosen language, from `texts`),
 * `$channel:<key>`, `$pool:<key>` and `$segment:<key>` (what the team binds on
 * import; each key declared under `references`, with what it is for).
 */
export const StarterFile = Type.Object(
  {
    id: Key,
    name: Localized,
    /** When to use it. */
    description: Localized,
    /** What a team changes before publishing. */
    adapt: Localized,
    references: Type.Object(
      {
        channels: Type.Optional(Type.Record(Key, Localized)),
        pools: Type.Optional(Type.Record(Key, Localized)),
        segments: Type.Optional(Type.Record(Key, SegmentReference)),
      },
      { additionalProperties: false },
    ),
    texts: Type.Object(
      { en: Type.Record(Type.String(), Type.String()), 'zh-CN': Type.Record(Type.String(), Type.String()) },
      { additionalProperties: false },
    ),
    graph: Type.Object({ nodes: Type.Array(Type.Unknown()), edges: Type.Array(Type.Unknown()), settings: Type.Unknown() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)
export type StarterFile = Static<typeof StarterFile>

/** The kinds of reference a starter leaves for the team to bind. */
export const REFERENCE_KINDS = ['channel', 'pool', 'segment'] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]

/** Where a reference kind is declared in a starter file and bound in an import body. */
export const REFERENCE_GROUP = { channel: 'channels', pool: 'pools', segment: 'segments' } as const satisfies Record<ReferenceKind, string>
