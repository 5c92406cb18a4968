// Where a node type sits in the palette and which colour it wears on the canvas. Mostly its
// declared category; a few built-in types are placed by what a person does with them instead.
// `call` is declared a wait, and rightly for the engine: it waits for the call's outcome, and
// validate-flow accepts a loop only when a wait is in it ("call again tomorrow" loops through a
// call). But a marketer looks for it beside SMS and WeCom: an action. Overriding the grouping here
// changes only what the editor shows; changing the published node's category would change the
// flow rules and the node-types API for every client and plugin built on it.
import type { NodeType } from '../api/types.ts'

const SHOWN_AS: Record<string, string> = { call: 'action' }

/** The category the editor files a node type under. */
export function shownCategory(nodeType: Pick<NodeType, 'type' | 'category'> | undefined): string {
  if (!nodeType) return 'unknown'
  return SHOWN_AS[nodeType.type] ?? nodeType.category
}
