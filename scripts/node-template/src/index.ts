import { defineNode, goTo, Type } from '@kairos/sdk'

/**
 * __TITLE__: an example to replace with your node. It routes the run by a number the contact
 * carries: `high` when the attribute reaches the threshold, `low` otherwise (also when the
 * contact has no such attribute, or it is not a number). `run` only decides: a node does no
 * I/O of its own, it asks `services` (tags, attributes, messages, ...) and returns a result.
 */
export default defineNode({
  type: '__TYPE__',
  version: 1,
  title: '__TITLE__',
  category: 'logic',
  description: 'Routes the run by a number on the contact: high when it reaches the threshold, low otherwise.',
  // The server validates a flow's config with this schema at publish; the editor draws its form from it.
  config: Type.Object(
    {
      attribute: Type.String({ minLength: 1, default: 'score', description: 'The contact attribute to read' }),
      threshold: Type.Number({ default: 50, description: 'Values at or above it go to high' }),
    },
    { additionalProperties: false },
  ),
  ports: ['high', 'low'],
  run({ config, contact }) {
    const value = contact.attributes[config.attribute]
    const high = typeof value === 'number' && value >= config.threshold
    // `output` is recorded on the run's step, for the run inspector.
    return goTo(high ? 'high' : 'low', { value: value ?? null })
  },
})
