// Sizes of a step on the canvas, shared by the node component, drops and the tidy-up layout.
// Every step has the same height whatever it shows (counters, problems as a badge), so steps
// laid out once never overlap when a journey goes live.

/** Height of every step, in canvas units. */
export const NODE_HEIGHT = 104
/** Narrowest step; steps with many ports grow to fit their labels. */
export const NODE_MIN_WIDTH = 240
/** The left (4px) and right (1.5px) borders, outside the box handles are placed in. */
const BORDERS = 5.5

/** The width each port label takes under the step. */
export const portSlot = (port: string) => port.length * 7 + 20

/** A step's width for its ports, side by side. */
export function nodeWidth(ports: string[]): number {
  return Math.max(NODE_MIN_WIDTH, ports.reduce((w, p) => w + portSlot(p), 16))
}

/**
 * Where each port's handle sits from the step's left edge: each port gets a slot as wide as its
 * label, the slots spread evenly. (Spreading over the full width including the borders put a
 * single port ~3px off the input handle, and an edge between aligned steps had a kink.)
 */
export function portOffsets(ports: string[]): number[] {
  const slots = ports.map(portSlot)
  const total = slots.reduce((w, x) => w + x, 0)
  const gap = (nodeWidth(ports) - BORDERS - total) / (slots.length + 1)
  let before = 0
  return slots.map((slot, i) => {
    const at = gap * (i + 1) + before + slot / 2
    before += slot
    return at
  })
}
