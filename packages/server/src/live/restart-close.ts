import type { FastifyInstance } from 'fastify'

/** The close frame live clients get when the server shuts down: 1012 "service restart" (RFC 6455 registry). */
export const RESTART_CLOSE = { code: 1012, reason: 'Kairos is restarting; reconnect in a moment' } as const

/**
 * @fastify/websocket's `preClose`: tells every live client the server is restarting (its default
 * closes them with no code, which reads as an error), so the editor reconnects and resubscribes.
 */
export async function closeLiveSockets(this: FastifyInstance): Promise<void> {
  for (const client of this.websocketServer.clients) client.close(RESTART_CLOSE.code, RESTART_CLOSE.reason)
}
