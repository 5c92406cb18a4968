import { ConditionSchema, defineNode, goTo, Type, validateCondition, type Problem } from '@kairos/sdk'
import { i18n } from './i18n.ts'

const PORT = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$', description: 'Port name' })

/** Routes the run through the first branch whose condition holds, else through `otherwise`. */
export default defineNode({
  type: 'branch',
  version: 1,
  title: 'Branch',
  category: 'logic',
  description: 'Check conditions in order; the first that holds picks the path.',
  i18n,
  config: Type.Object(
    {
      branches: Type.Array(Type.Object({ port: PORT, when: ConditionSchema }, { additionalProperties: false }), {
        minItems: 1,
      }),
      otherwise: PORT,
    },
    { additionalProperties: false },
  ),
  ports: (config) => [...config.branches.map((b) => b.port), config.otherwise],
  validate(config) {
    const problems: Problem[] = []
    const seen = new Set<string>()
    config.branches.forEach((branch, i) => {
      if (seen.has(branch.port)) problems.push({ field: `config.branches[${i}].port`, message: `port "${branch.port}" is used twice` })
      seen.add(branch.port)
      problems.push(...validateCondition(branch.when, `config.branches[${i}].when`))
    })
    if (seen.has(config.otherwise)) problems.push({ field: 'config.otherwise', message: `port "${config.otherwise}" is also a branch` })
    return problems
  },
  async run({ config, services }) {
    for (const [index, branch] of config.branches.entries())
      if (await services.conditions.evaluate(branch.when)) return goTo(branch.port, { matched: index })
    return goTo(config.otherwise, { matched: null })
  },
})
