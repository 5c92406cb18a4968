import { Type, validateTemplate, type Problem, type Static } from '@kairos/sdk'

const template = (description: string, maxLength: number) => Type.String({ minLength: 1, maxLength, format: 'kairos-template', description })

/**
 * send.email config. Defaults: `to` is the `email` attribute, `category`
 * marketing; no `channel` records the email in the outbox without sending it
 * (a dry run, or a deployment with no SMTP yet).
 */
export const SendEmailConfig = Type.Object(
  {
    channel: Type.Optional(Type.String({ minLength: 1, 'x-kairos-channel': 'email.smtp', description: 'The email.smtp channel to send through; without one the email is only recorded in the outbox' })),
    to: Type.String({ minLength: 1, default: 'email', description: 'Contact attribute holding the address' }),
    subject: template('Subject line (Liquid)', 998),
    text: template('Plain-text body (Liquid), also the fallback for clients without HTML', 100_000),
    html: Type.Optional(template('HTML body (Liquid)', 500_000)),
    category: Type.Union([Type.Literal('marketing'), Type.Literal('transactional')], { default: 'marketing' }),
  },
  { additionalProperties: false },
)
export type SendEmailConfig = Static<typeof SendEmailConfig>

/** Every template must parse at publish, not when the first contact reaches the node. */
export function validateSendEmail(config: SendEmailConfig): Problem[] {
  return [
    ...validateTemplate(config.subject, 'config.subject'),
    ...validateTemplate(config.text, 'config.text'),
    ...(config.html === undefined ? [] : validateTemplate(config.html, 'config.html')),
  ]
}
