import type { Locator, Page } from 'playwright-core'

/** Gestures on the journey editor, as a person makes them. */
export function canvasOf(page: Page) {
  const canvas = page.getByTestId('canvas')
  const panel = page.getByTestId('config-panel')
  const node = (id: string) => page.locator(`.vue-flow__node [data-node-id="${id}"]`)

  return {
    canvas,
    panel,
    node,

    /** Drags a palette item onto the canvas at (x, y) from the canvas's top-left; returns the new node's id. */
    async drop(type: string, at: { x: number; y: number }): Promise<string> {
      const before = await page.getByTestId('canvas-node').count()
      await page.locator(`[data-testid=palette-item][data-type="${type}"]`).dragTo(canvas, { targetPosition: at })
      await waitFor(() => page.getByTestId('canvas-node').count(), (n) => n === before + 1, `a ${type} node on the canvas`).catch(async (e) => {
        if (process.env.KAIROS_E2E_DEBUG) await page.screenshot({ path: `/tmp/e2e-drop-${type}.png` })
        throw e
      })
      // The dropped node is selected and its form opens.
      const id = await panel.getAttribute('data-node')
      if (!id) throw new Error(`no config panel opened after dropping ${type}`)
      return id
    },

    /** Drags from a node's output port to another node's input handle. */
    async connect(source: string, port: string, target: string): Promise<void> {
      const from = node(source).locator(`.handle.out[data-port="${port}"]`)
      const to = node(target).locator('.handle.in')
      const a = await from.boundingBox()
      const b = await to.boundingBox()
      if (!a || !b) throw new Error(`cannot see the handles to connect ${source}:${port} → ${target}`)
      const edgesBefore = await page.locator('.vue-flow__edge').count()
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
      await page.mouse.down()
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 10, { steps: 5 })
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 })
      await page.mouse.up()
      await waitFor(() => page.locator('.vue-flow__edge').count(), (n) => n === edgesBefore + 1, `an edge ${source}:${port} → ${target}`)
    },

    /** Opens a node's form by clicking it. */
    async select(id: string): Promise<void> {
      await node(id).locator('.head').click()
      await waitFor(() => panel.getAttribute('data-node'), (v) => v === id, `the form of ${id}`)
    },

    /** A field of the open form by its config path, e.g. `config.for`. */
    field(path: string): Locator {
      return panel.locator(`[data-field="${path}"]`).first()
    },

    /** A live counter on a node: entered | waiting | completed | exited | failed. */
    async counter(id: string, kind: 'entered' | 'waiting' | 'completed' | 'exited' | 'failed'): Promise<number> {
      const value = await node(id).locator(`[data-testid="counter-${kind}"]`).getAttribute('data-value')
      return Number(value ?? NaN)
    },
  }
}

/**
 * Polls `read` until `ok` holds (no fixed sleeps: it returns as soon as the page gets there),
 * failing with what it waited for and the last value it saw.
 */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      last = await read()
      if (ok(last)) return last
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${lastError}` : ''}`)
}
