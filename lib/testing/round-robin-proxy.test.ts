import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/lib/embedded/ports";
import { INSTANCE_HEADER, startRoundRobinProxy, type RunningProxy } from "./round-robin-proxy";

/** An upstream that answers what it received: its name, the method, the headers and the body's size. */
async function echoServer(name: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    let size = 0;
    request.on("data", (chunk: Buffer) => (size += chunk.length));
    request.on("end", () => {
      response.writeHead(201, { "content-type": "application/json", "set-cookie": ["a=1; Path=/", "b=2; Path=/"] });
      response.end(JSON.stringify({ name, method: request.method, path: request.url, headers: request.headers, size }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Echo = { name: string; method: string; path: string; headers: Record<string, string>; size: number };

const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function proxyOverTwo(): Promise<RunningProxy> {
  const [a, b] = [await echoServer("a"), await echoServer("b")];
  stops.push(a.close, b.close);
  const proxy = await startRoundRobinProxy({ upstreams: [{ name: "a", port: a.port }, { name: "b", port: b.port }] });
  stops.push(proxy.close);
  return proxy;
}

describe("startRoundRobinProxy", () => {
  it("sends requests to the upstreams in turn and says which one answered", async () => {
    const proxy = await proxyOverTwo();
    const answered: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${proxy.url}/api/health`);
      const echo = (await response.json()) as Echo;
      expect(response.headers.get(INSTANCE_HEADER)).toBe(echo.name);
      answered.push(echo.name);
    }
    expect(answered).toEqual(["a", "b", "a", "b"]);
  });

  it("streams a body through, keeps Host and every Set-Cookie, appends X-Forwarded-For", async () => {
    const proxy = await proxyOverTwo();
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    const response = await fetch(`${proxy.url}/upload?x=1`, { method: "POST", body, headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const echo = (await response.json()) as Echo;
    expect(echo).toMatchObject({ method: "POST", path: "/upload?x=1", size: body.length });
    expect(echo.headers.host).toBe(new URL(proxy.url).host);
    expect(echo.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
  });

  it("sends a request that names an upstream to that one, without the header", async () => {
    const proxy = await proxyOverTwo();
    for (const name of ["b", "b", "a"]) {
      const response = await fetch(proxy.url, { headers: { [INSTANCE_HEADER]: name } });
      const echo = (await response.json()) as Echo;
      expect([echo.name, response.headers.get(INSTANCE_HEADER)]).toEqual([name, name]);
      expect(echo.headers[INSTANCE_HEADER]).toBeUndefined();
    }
  });

  it("answers 502 naming the upstream that is down", async () => {
    const proxy = await startRoundRobinProxy({ upstreams: [{ name: "gone", port: await freePort() }] });
    stops.push(proxy.close);
    const response = await fetch(proxy.url);
    expect(response.status).toBe(502);
    expect(response.headers.get(INSTANCE_HEADER)).toBe("gone");
    expect(await response.text()).toMatch(/^upstream gone \(port \d+\): /);
  });
});
