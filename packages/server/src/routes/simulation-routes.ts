import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams } from '../schemas/api.ts'
import { SimulateBody, SimulationReply } from '../schemas/simulation.ts'
import { simulateFlow } from '../simulation/simulate-flow.ts'
import { SimulationGate } from '../simulation/simulation-gate.ts'

/**
 * The journey simulator: a flow's draft or a version run against sample
 * contacts on a virtual clock, changing nothing (docs/simulation.md). It may
 * be run by whoever may edit the flow; it writes no audit entry, as it
 * changes nothing.
 */
export const simulationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { flows, database, registry, clock, execution } = app.kairos
  const gate = new SimulationGate()
  app.post(
    '/api/flows/:id/simulate',
    { config: { permission: 'workspace:write' }, schema: { tags: ['flows'], params: IdParams, body: SimulateBody, response: { 200: SimulationReply } } },
    async (request) => {
      const flow = await flows.get(request.params.id)
      return gate.run(() => simulateFlow({ db: database.db, registry, clock, execution }, flow.id, request.body))
    },
  )
}
