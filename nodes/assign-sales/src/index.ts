import { defineNode, goTo, parseDuration, type NodeServices, type SalesRep } from '@kairos/sdk'
import { AssignSalesConfig, validateAssignSales, type FollowUpTask } from './config.ts'
import { pickTeam } from './pick-team.ts'
import { i18n } from './i18n.ts'

/** Creates the follow-up task for `rep`, due `task.due` after `now`; its templates see `rep`. */
async function createFollowUp(services: NodeServices, task: FollowUpTask, rep: SalesRep, now: Date): Promise<string> {
  const scope = { rep }
  const title = await services.templates.render(task.title, scope)
  const notes = task.notes === undefined ? undefined : await services.templates.render(task.notes, scope)
  const dueAt = new Date(now.getTime() + parseDuration(task.due))
  const created = await services.sales.createTask({ kind: 'follow_up', title, notes, dueAt, repId: rep.id })
  return created.id
}

/**
 * Makes a sales rep the contact's owner. The server picks among available reps
 * (unavailable ones are skipped) and stamps the choice under a row lock, so
 * concurrent runs rotate; `keepOwner` wins over team and rules, so a contact
 * already in a relationship is not handed around. With no rep to give,
 * the run goes on through `unassigned` rather than failing: an empty team is
 * an operations problem the journey can route around (notify a manager, say).
 */
export default defineNode({
  type: 'assign.sales',
  version: 1,
  title: 'Assign sales rep',
  category: 'action',
  description:
    'Assign the contact to a sales rep: round robin or fewest open tasks, within a team or by rules on the contact (region → team), ' +
    'keeping the current owner if configured. Optionally creates a follow-up task for the rep. No available rep: "unassigned".',
  i18n,
  config: AssignSalesConfig,
  ports: ['next', 'unassigned'],
  validate: validateAssignSales,
  async run({ config, contact, now, services }) {
    const previousOwner = contact.ownerId
    const { team, rule } = await pickTeam(config, services)
    const rep = await services.sales.assign({ strategy: config.strategy, team, keepOwner: config.keepOwner })
    const choice = { ...(team !== undefined ? { team } : {}), ...(rule !== undefined ? { rule } : {}) }
    if (!rep) return goTo('unassigned', { reason: team ? `no available rep in team "${team}"` : 'no available rep', ...choice })
    const output = { rep: { id: rep.id, name: rep.name, team: rep.team }, changed: rep.id !== previousOwner, ...choice }
    if (!config.task) return goTo('next', output)
    return goTo('next', { ...output, taskId: await createFollowUp(services, config.task, rep, now) })
  },
})
