import { afterEach, describe, expect, it, vi } from "vitest";
import { InvocationTimeoutError } from "../src/errors/errors";
import { AwsCoreError, getClientCreations, lazySingleton, resetAll } from "../src/index";
import { InvalidConfigError, SingletonCreationError } from "../src/internal";

afterEach(() => resetAll());

describe("lazySingleton", () => {
  it("does not call the factory until first access", () => {
    const factory = vi.fn(() => ({ id: 1 }));
    const single = lazySingleton("thing", factory);
    expect(factory).not.toHaveBeenCalled();
    expect(single.isCreated()).toBe(false);
    expect(single.peek()).toBeUndefined();
  });

  it("creates once and returns the same instance ever after", () => {
    const factory = vi.fn(() => ({ id: Math.random() }));
    const single = lazySingleton("thing", factory);
    const first = single.get();
    expect(single.get()).toBe(first);
    expect(single.get()).toBe(first);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(single.isCreated()).toBe(true);
    expect(single.peek()).toBe(first);
  });

  it("works unbound (the function form)", () => {
    const { get } = lazySingleton("thing", () => ({}));
    expect(get()).toBe(get());
  });

  it("caches a factory result of undefined too", () => {
    const factory = vi.fn(() => undefined);
    const single = lazySingleton("nothing", factory);
    single.get();
    single.get();
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("wraps a throwing factory in SingletonCreationError, caches nothing, and retries", () => {
    const boom = new Error("no credentials");
    const factory = vi.fn().mockImplementationOnce(() => {
      throw boom;
    });
    factory.mockImplementation(() => "ok");
    const single = lazySingleton("flaky", factory);

    const error = (() => {
      try {
        single.get();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SingletonCreationError);
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ cause: boom, name: "SingletonCreationError", kind: "internal" });
    expect((error as Error).message).toBe(
      'Creating "flaky" failed (the next use retries): no credentials',
    );
    expect(single.isCreated()).toBe(false);

    expect(single.get()).toBe("ok");
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it("lets the library's own errors through unwrapped", () => {
    class Custom extends AwsCoreError {}
    const single = lazySingleton("x", () => {
      throw new Custom("specific");
    });
    expect(() => single.get()).toThrow(Custom);
  });

  it("injects a ready instance instead of calling the factory", () => {
    const factory = vi.fn(() => "made");
    const single = lazySingleton("thing", factory);
    single.inject("injected");
    expect(single.get()).toBe("injected");
    expect(factory).not.toHaveBeenCalled();
  });

  it("refuses an injected value that fails validation, keeping the old one", () => {
    const single = lazySingleton("thing", () => "made", {
      validateInjected: (v) => {
        if (typeof v !== "string") throw new TypeError("strings only");
      },
    });
    single.get();
    expect(() => single.inject(42 as unknown as string)).toThrow("strings only");
    expect(single.get()).toBe("made");
  });

  it("reset forgets the instance; holders of the old one keep it", () => {
    let n = 0;
    const single = lazySingleton("counter", () => ({ n: ++n }));
    const inUse = single.get();
    single.reset();
    expect(single.isCreated()).toBe(false);
    const next = single.get();
    expect(next).not.toBe(inUse);
    expect(inUse.n).toBe(1);
    expect(next.n).toBe(2);
  });

  it("is not a client: its creations and injections are not recorded", () => {
    lazySingleton("recorded", () => "v").get();
    lazySingleton("injected", () => "v").inject("w");
    expect(getClientCreations()).toEqual([]);
  });
});

describe("error names", () => {
  it("are set explicitly (minified bundles rename classes)", () => {
    expect(new AwsCoreError("x").name).toBe("AwsCoreError");
    expect(new InvalidConfigError("x").name).toBe("InvalidConfigError");
    expect(SingletonCreationError.of("x", new Error("y")).name).toBe("SingletonCreationError");
    expect(InvocationTimeoutError.of("x", "Get", 1).name).toBe("InvocationTimeoutError");
  });
});
