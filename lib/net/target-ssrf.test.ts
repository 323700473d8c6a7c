import { afterEach, describe, expect, it } from "vitest";
import { callTarget } from "@/lib/targets";
import { TargetError, type TargetDefinition } from "@/lib/targets/types";

const target = (url: string): TargetDefinition => ({
  id: "tgt_x",
  name: "t",
  type: "http",
  config: { url },
  timeoutMs: 500,
  retries: 0,
});
const call = { input: "x", messages: [], secrets: {}, signal: new AbortController().signal };

afterEach(() => {
  delete process.env.ASSAY_TARGET_ALLOWLIST;
});

describe("HTTP targets and the SSRF policy", () => {
  it("refuse cloud metadata addresses and host names without sending anything", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/",
      "http://metadata.google.internal/computeMetadata/v1/",
    ]) {
      const error = await callTarget(target(url), call).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(TargetError);
      expect((error as TargetError).code).toBe("config_error");
      expect((error as TargetError).transient).toBe(false);
      expect((error as Error).message).toContain("ASSAY_TARGET_ALLOWLIST");
    }
  });

  it("let private networks and allow-listed addresses through", async () => {
    // Loopback and private addresses are where self-hosted agents live: refused connections, not policy errors.
    const privateNet = await callTarget(target("http://127.0.0.1:9/"), call).catch(
      (e: unknown) => e,
    );
    expect((privateNet as TargetError).code).toBe("connection_error");
    process.env.ASSAY_TARGET_ALLOWLIST = "169.254.169.254";
    const allowed = await callTarget(
      { ...target("http://169.254.169.254/"), timeoutMs: 200 },
      call,
    ).catch((e: unknown) => e);
    expect((allowed as TargetError).code).not.toBe("config_error");
  });
});
