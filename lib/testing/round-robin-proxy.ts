/**
 * A small HTTP load balancer for the scale-out check (issue 10 §4, e2e/two-instances.spec.ts):
 * requests go to the upstreams in turn, bodies streamed both ways, and every answer says
 * which upstream gave it in the `x-weidesk-instance` header. Like a real balancer it keeps
 * the Host header (so Next.js and lib/auth/origin.ts see the public host) and appends the
 * client's address to X-Forwarded-For (the app trusts one hop with TRUST_PROXY=1).
 *
 * A request that names an upstream in its own `x-weidesk-instance` header goes there
 * instead: a spec can then make each step of a flow land on the instance it wants. No
 * WebSocket upgrades (`next start` needs none). Used by scripts/e2e-server.ts; never
 * imported by the application.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export const INSTANCE_HEADER = "x-weidesk-instance";

export type Upstream = { name: string; port: number; host?: string };

export type RunningProxy = {
  url: string;
  port: number;
  close(): Promise<void>;
};

// Hop-by-hop headers (RFC 9110 §7.6.1): about one connection, never forwarded.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)));
}

function forwardedFor(request: http.IncomingMessage): string {
  const previous = request.headers["x-forwarded-for"];
  const client = request.socket.remoteAddress ?? "unknown";
  return previous ? `${Array.isArray(previous) ? previous.join(", ") : previous}, ${client}` : client;
}

/** Starts the proxy on `port` (0: any free one) of `host`, balancing over `upstreams` in order. */
export async function startRoundRobinProxy(options: { upstreams: Upstream[]; port?: number; host?: string }): Promise<RunningProxy> {
  const { upstreams } = options;
  if (upstreams.length === 0) throw new Error("the proxy needs at least one upstream");
  const byName = new Map(upstreams.map((upstream) => [upstream.name, upstream]));
  const agent = new http.Agent({ keepAlive: true });
  let turn = 0;

  const choose = (request: http.IncomingMessage): Upstream => {
    const named = request.headers[INSTANCE_HEADER];
    const pinned = typeof named === "string" ? byName.get(named) : undefined;
    if (pinned) return pinned;
    const upstream = upstreams[turn % upstreams.length]!;
    turn += 1;
    return upstream;
  };

  const server = http.createServer((request, response) => {
    const upstream = choose(request);
    const headers = endToEnd(request.headers);
    delete headers[INSTANCE_HEADER];
    headers["x-forwarded-for"] = forwardedFor(request);
    const outgoing = http.request(
      { agent, host: upstream.host ?? "127.0.0.1", port: upstream.port, method: request.method, path: request.url, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, { ...endToEnd(answer.headers), [INSTANCE_HEADER]: upstream.name });
        answer.pipe(response);
      },
    );
    outgoing.on("error", (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.writeHead(502, { "content-type": "text/plain; charset=utf-8", [INSTANCE_HEADER]: upstream.name });
      response.end(`upstream ${upstream.name} (port ${upstream.port}): ${error.message}\n`);
    });
    // A browser that goes away mid-request takes the upstream request with it.
    response.on("close", () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
