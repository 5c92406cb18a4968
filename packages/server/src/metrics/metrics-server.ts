import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GaugeSources } from './metrics-registry.ts'
import { metricsRegistry } from './metrics-registry.ts'

/** A listening metrics server: where it answers, and how to stop it. */
export interface MetricsServer {
  url: string
  close(): Promise<void>
}

/**
 * A bare HTTP server answering `GET /metrics` without credentials, for
 * processes with no API (KAIROS_ROLE=worker) or a scraper that should not hold
 * a key: KAIROS_METRICS_PORT, on KAIROS_METRICS_HOST (default 127.0.0.1, so
 * only the machine, or a sidecar in the pod, reaches it). Anything else is a 404.
 */
export async function startMetricsServer(sources: GaugeSources, listen: { port: number; host: string }): Promise<MetricsServer> {
  const registry = metricsRegistry(sources)
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at GET /metrics\n')
      return
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        sources.onError?.(error)
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n')
      },
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(listen.port, listen.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
