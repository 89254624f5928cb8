import { defineClient, resetAll } from "@org/aws-core";
import { SingletonCreationError } from "@org/aws-core/internal";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lazyClientView } from "../src/facade-client";

// Enough of an SDK client for defineClient: send() and a middleware stack.
const fakeClient = (label: string) => ({
  label,
  send: async () => ({}),
  middlewareStack: { add() {} },
});
type Fake = ReturnType<typeof fakeClient>;

afterEach(() => resetAll());

function target() {
  return defineClient<Fake>({
    name: "fake",
    create: (config) => fakeClient(`created in ${config.region}`),
  });
}

describe("lazyClientView", () => {
  it("turns a failed load into SingletonCreationError and tries again on the next use", async () => {
    let attempts = 0;
    const real = target();
    const view = lazyClientView("flaky", async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("Cannot find module './chunks/flaky.mjs'");
      return { target: real, sdk: { commands: true } };
    });
    vi.stubEnv("AWS_REGION", "eu-west-1");
    try {
      const error = await view.get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SingletonCreationError);
      expect((error as Error).message).toMatch(/^Creating "flaky" failed/);
      expect(await view.get()).toBe(real.client);
      expect(await view.sdk()).toEqual({ commands: true });
      expect(attempts).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("loads once for concurrent first uses", async () => {
    const load = vi.fn(async () => ({ target: target(), sdk: undefined }));
    const view = lazyClientView("once", load);
    vi.stubEnv("AWS_REGION", "eu-west-1");
    try {
      const clients = await Promise.all([
        view.get(),
        view.get(),
        view.sdk().then(() => view.get()),
      ]);
      expect(new Set(clients).size).toBe(1);
      expect(load).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("applies the calls made before the load in their order, as the loaded client would", async () => {
    const real = target();
    const view = lazyClientView("ordered", async () => ({ target: real, sdk: undefined }));
    view.configure({ region: "eu-west-1" });
    view.configure({ region: "us-east-2" });
    expect(view.peek()).toBeUndefined();
    expect((await view.get()).label).toBe("created in us-east-2");

    // inject() then configure(): the configure() comes too late, as it would after the load.
    const other = target();
    const late = lazyClientView("late", async () => ({ target: other, sdk: undefined }));
    const mine = fakeClient("mine");
    late.inject(mine);
    late.configure({ region: "eu-west-1" });
    await expect(late.get()).rejects.toThrow(/already created/);
    expect(await late.get()).toBe(mine);
  });
});

describe("lazyClientView's for(key)", () => {
  it("is a view onto the target's keyed client, before and after the load", async () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    try {
      const real = target();
      const load = vi.fn(async () => ({ target: real, sdk: { commands: true } }));
      const view = lazyClientView("fake", load);
      const west = view.for({ region: "us-west-2" });
      expect(load).not.toHaveBeenCalled();
      expect(() => west.client).toThrow(/loads its package on first use/);

      expect(await west.get()).toBe(real.for({ region: "us-west-2" }).client);
      expect(west.client.label).toBe("created in us-west-2");
      expect(await west.sdk()).toEqual({ commands: true });
      expect(load).toHaveBeenCalledTimes(1);
      // Once loaded, a new view is usable synchronously.
      expect(view.for({ region: "us-west-2" }).client).toBe(west.client);
      expect(view.for({ region: "us-west-2" }).peek()).toBe(west.client);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
