import { defineNode, goTo, Type } from '@kairos/sdk'
import { i18n } from './i18n.ts'

const TAG = Type.String({ minLength: 1, maxLength: 100 })

/** Adds and removes tags on the contact. */
export default defineNode({
  type: 'tag',
  version: 1,
  title: 'Tag contact',
  category: 'action',
  description: 'Add and remove tags, e.g. add "abandoned-cart".',
  i18n,
  config: Type.Object(
    { add: Type.Array(TAG, { default: [] }), remove: Type.Array(TAG, { default: [] }) },
    { additionalProperties: false },
  ),
  ports: ['next'],
  validate: (config) =>
    config.add.length + config.remove.length === 0 ? [{ field: 'config.add', message: 'add or remove at least one tag' }] : [],
  async run({ config, services }) {
    await services.contacts.tag({ add: config.add, remove: config.remove })
    return goTo('next', { added: config.add, removed: config.remove })
  },
})
