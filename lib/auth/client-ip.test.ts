import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("knows no IP without TRUST_PROXY, whatever the header says", () => {
    expect(clientIp(xff("203.0.113.7"), undefined)).toBeNull();
    expect(clientIp(xff("203.0.113.7"), 0)).toBeNull();
  });

  it("takes the address the trusted hop saw, not what the client made up to its left", () => {
    expect(clientIp(xff("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(xff("10.0.0.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(xff("10.0.0.1, 203.0.113.7, 198.51.100.2"), 2)).toBe("203.0.113.7");
  });

  it("gives nothing when there are fewer hops than trusted, or the entry is not an IP", () => {
    expect(clientIp(xff("203.0.113.7"), 2)).toBeNull();
    expect(clientIp(new Headers(), 1)).toBeNull();
    expect(clientIp(xff("not-an-ip"), 1)).toBeNull();
    expect(clientIp(xff("2001:db8::1"), 1)).toBe("2001:db8::1");
  });
});
