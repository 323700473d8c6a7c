import { afterEach, describe, expect, it } from "vitest";
import { assertUrlAllowed, BlockedUrlError, isAddressAllowed, ssrfLookup } from "./ssrf";

const blocked = (url: string) =>
  assertUrlAllowed(url).then(
    () => false,
    (e) => e instanceof BlockedUrlError,
  );

afterEach(() => {
  delete process.env.ASSAY_TARGET_ALLOWLIST;
});

describe("assertUrlAllowed", () => {
  it("refuses cloud metadata endpoints however they are written", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://169.254.170.2/v2/credentials",
      "http://100.100.100.200/latest/meta-data",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://METADATA.google.internal./computeMetadata/v1/",
      "https://2852039166/", // 169.254.169.254 as one number: WHATWG URL parsing normalises it
      "file:///etc/passwd",
      "gopher://127.0.0.1/",
      "not a url",
    ])
      expect(await blocked(url), url).toBe(true);
  });

  it("lets private networks and loopback through: self-hosted agents live there", async () => {
    for (const url of [
      "http://127.0.0.1:8080/agent",
      "http://10.0.0.5/hook",
      "http://192.168.1.20/",
      "http://[::1]:3000/",
      "http://localhost:3000/",
      "https://hooks.example.com/assay",
    ])
      expect(await blocked(url), url).toBe(false);
  });

  it("honours ASSAY_TARGET_ALLOWLIST entries: IP, CIDR, host, wildcard and *", async () => {
    process.env.ASSAY_TARGET_ALLOWLIST = "169.254.169.254, fd00:ec2::/64 metadata.google.internal";
    expect(await blocked("http://169.254.169.254/")).toBe(false);
    expect(await blocked("http://169.254.170.2/")).toBe(true);
    expect(await blocked("http://[fd00:ec2::254]/")).toBe(false);
    expect(await blocked("http://metadata.google.internal/")).toBe(false);
    process.env.ASSAY_TARGET_ALLOWLIST = "169.254.0.0/16,*.internal";
    expect(await blocked("http://169.254.170.2/")).toBe(false);
    expect(await blocked("http://metadata.google.internal/")).toBe(false);
    process.env.ASSAY_TARGET_ALLOWLIST = "*";
    expect(await blocked("http://100.100.100.200/")).toBe(false);
  });

  it("judges resolved addresses", () => {
    expect(isAddressAllowed("169.254.169.254")).toBe(false);
    expect(isAddressAllowed("::ffff:169.254.169.254")).toBe(false);
    expect(isAddressAllowed("fe80::1")).toBe(false);
    expect(isAddressAllowed("127.0.0.1")).toBe(true);
    expect(isAddressAllowed("2001:db8::1")).toBe(true);
    expect(isAddressAllowed("not-an-ip")).toBe(false);
  });

  it("resolves through ssrfLookup like dns.lookup, in both callback shapes", async () => {
    const one = await new Promise<string>((resolve, reject) =>
      ssrfLookup("localhost", { family: 4 }, (error, address) =>
        error ? reject(error) : resolve(address as string),
      ),
    );
    expect(one).toBe("127.0.0.1");
    const all = await new Promise<unknown>((resolve, reject) =>
      ssrfLookup("localhost", { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      ),
    );
    expect(Array.isArray(all)).toBe(true);
  });
});
