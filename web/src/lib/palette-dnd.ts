/** The drag-and-drop payload type of a palette item: the node type being dragged onto the canvas. */
export const PALETTE_MIME = 'application/x-kairos-node-type'
