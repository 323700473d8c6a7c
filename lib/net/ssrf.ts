import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Outbound-request policy for URLs that users configure (webhooks, HTTP targets): Assay must not
 * become a way to read the cloud metadata service of the machine it runs on. Private networks stay
 * reachable on purpose (self-hosted agents live there); only the metadata endpoints are refused.
 *
 * `ASSAY_TARGET_ALLOWLIST` lifts the policy for the entries it names, separated by commas or spaces:
 * an IP (`169.254.169.254`), a CIDR (`169.254.0.0/16`, `fd00:ec2::/64`), a host name
 * (`metadata.google.internal`) or a wildcard (`*.internal`); `*` alone turns the policy off.
 */
export class BlockedUrlError extends Error {
  readonly code = "blocked_url";
  constructor(message: string) {
    super(message);
    this.name = "BlockedUrlError";
  }
}

const BLOCKED_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata"]);

const blocked = new BlockList();
blocked.addSubnet("169.254.0.0", 16, "ipv4"); // link-local: AWS, GCP, Azure, OCI, DigitalOcean IMDS; ECS 169.254.170.2
blocked.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
blocked.addAddress("168.63.129.16", "ipv4"); // Azure WireServer
blocked.addAddress("fd00:ec2::254", "ipv6"); // AWS IMDS over IPv6
blocked.addSubnet("fe80::", 10, "ipv6"); // IPv6 link-local

type Allowlist = { all: boolean; hosts: string[]; suffixes: string[]; addresses: BlockList };
let cached: { raw: string; list: Allowlist } | undefined;

function allowlist(): Allowlist {
  const raw = process.env.ASSAY_TARGET_ALLOWLIST ?? "";
  if (cached?.raw === raw) return cached.list;
  const list: Allowlist = { all: false, hosts: [], suffixes: [], addresses: new BlockList() };
  for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
    const value = entry.toLowerCase().replace(/^\[|\]$/g, "");
    const [address, prefix] = value.split("/");
    const family = isIP(address);
    if (value === "*") list.all = true;
    else if (family && prefix !== undefined)
      list.addresses.addSubnet(address, Number(prefix), family === 6 ? "ipv6" : "ipv4");
    else if (family) list.addresses.addAddress(address, family === 6 ? "ipv6" : "ipv4");
    else if (value.startsWith("*.")) list.suffixes.push(value.slice(1));
    else list.hosts.push(value);
  }
  cached = { raw, list };
  return list;
}

function hostAllowed(host: string): boolean {
  const list = allowlist();
  return list.all || list.hosts.includes(host) || list.suffixes.some((s) => host.endsWith(s));
}

/** `::ffff:a9fe:a9fe` and `::ffff:169.254.169.254` are IPv4 addresses in disguise. */
function normalise(address: string): { address: string; type: "ipv4" | "ipv6" } {
  const bare = address.toLowerCase().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(bare);
  if (mapped?.[1]) return { address: mapped[1], type: "ipv4" };
  if (mapped?.[2]) {
    const hi = parseInt(mapped[2], 16);
    const lo = parseInt(mapped[3], 16);
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, type: "ipv4" };
  }
  return { address: bare, type: isIP(bare) === 6 ? "ipv6" : "ipv4" };
}

/** True when a resolved address may be connected to. */
export function isAddressAllowed(address: string): boolean {
  const { address: ip, type } = normalise(address);
  if (!isIP(ip)) return false;
  if (!blocked.check(ip, type)) return true;
  const list = allowlist();
  return list.all || list.addresses.check(ip, type);
}

/**
 * Throw BlockedUrlError unless `url` is http(s) and neither its host name nor any address it
 * resolves to is a metadata endpoint. Use `ssrfLookup` on the connection as well, so a DNS answer
 * that changes between this check and the connect cannot slip through.
 */
export async function assertUrlAllowed(url: string | URL): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BlockedUrlError("not a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new BlockedUrlError(`${parsed.protocol} URLs are not allowed`);
  const host = parsed.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (hostAllowed(host)) return parsed;
  if (BLOCKED_HOSTS.has(host)) throw new BlockedUrlError(`${host} is a cloud metadata host`);
  const addresses = isIP(host) ? [host] : await resolveAll(host).catch(() => []); // unresolvable: the connect fails on its own
  const bad = addresses.find((a) => !isAddressAllowed(a));
  if (bad) throw new BlockedUrlError(`${host} resolves to ${bad}, a cloud metadata address`);
  return parsed;
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `net.connect` (undici: `new Agent({ connect: { lookup: ssrfLookup } })`) that
 * refuses blocked addresses at connect time. IP literals never reach it; check them with
 * `assertUrlAllowed` first.
 */
export function ssrfLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const host = hostname.toLowerCase();
    const bad = addresses.find((a) => !isAddressAllowed(a.address));
    if (bad && !hostAllowed(host)) {
      const refused = new BlockedUrlError(
        `${hostname} resolves to ${bad.address}, a cloud metadata address`,
      );
      return callback(refused as NodeJS.ErrnoException, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

const verdicts = new Map<string, string | null>();

/**
 * The synchronous part of the policy, for hot paths: why `url` is refused when its host is an IP
 * literal or a known metadata host name, else null. Host names are checked again at connect time
 * by `ssrfLookup`. Verdicts are cached per URL string (bounded).
 */
export function blockedReason(url: string | URL): string | null {
  const key = `${process.env.ASSAY_TARGET_ALLOWLIST ?? ""}|${String(url)}`;
  const cached = verdicts.get(key);
  if (cached !== undefined) return cached;
  let verdict: string | null = null;
  try {
    const host = new URL(String(url)).hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.$/, "");
    if (!hostAllowed(host)) {
      if (BLOCKED_HOSTS.has(host)) verdict = `${host} is a cloud metadata host`;
      else if (isIP(host) && !isAddressAllowed(host))
        verdict = `${host} is a cloud metadata address`;
    }
  } catch {
    verdict = "not a valid URL";
  }
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}
