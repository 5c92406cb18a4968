import { Type } from 'typebox'

/** A test message: to whom, and optionally what it says. */
export const ChannelTestBody = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 320, description: 'The recipient as the channel addresses it: a phone number, an email address, a WeCom user id' }),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'The text; default "Test message from Kairos"' })),
  },
  { additionalProperties: false },
)

/** What the provider made of the test message (an answer, never an HTTP error: a refusal is the result asked for). */
export const ChannelTestReply = Type.Object({
  ok: Type.Boolean({ description: 'The provider accepted the message' }),
  retryable: Type.Optional(Type.Boolean({ description: 'For a failure: whether a delivery would be retried (a 5xx, a timeout) or fails at once' })),
  error: Type.Optional(Type.String({ description: 'For a failure: why, e.g. provider answered HTTP 401' })),
  providerMessageId: Type.Optional(Type.String({ description: "The provider's id for the message, when it gave one" })),
  response: Type.Optional(Type.Unknown({ description: "The provider's answer as the channel kind read it (status and body, for HTTP kinds)" })),
})
