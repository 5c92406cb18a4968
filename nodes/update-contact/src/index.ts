import { defineNode, goTo, type AttributeChange } from '@kairos/sdk'
import { UpdateContactConfig, validateUpdateContact } from './config.ts'
import { renderValues } from './render-values.ts'
import { i18n } from './i18n.ts'

/**
 * Changes the contact's attributes: set values (constants or Liquid
 * templates), remove attributes, add to numbers (lead score +10). One
 * `contacts.update` call, so the change is applied as a whole with the step.
 */
export default defineNode({
  type: 'update.contact',
  version: 1,
  title: 'Update contact',
  category: 'action',
  description: 'Set, remove or add to contact attributes, e.g. lead_score +10 or last_sku = {{ event.properties.sku }}.',
  i18n,
  config: UpdateContactConfig,
  ports: ['next'],
  validate: validateUpdateContact,
  async run({ config, services }) {
    const change: AttributeChange = {}
    if (config.set && Object.keys(config.set).length > 0) change.set = await renderValues(config.set, services.templates)
    if (config.unset && config.unset.length > 0) change.unset = config.unset
    if (config.increment && Object.keys(config.increment).length > 0) change.increment = config.increment
    await services.contacts.update(change)
    return goTo('next', { ...change })
  },
})
