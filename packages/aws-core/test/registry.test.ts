import { afterEach, describe, expect, it, vi } from "vitest";
import {
  getSingletonCreations,
  isColdStart,
  lazySingleton,
  markInvocationStart,
  onSingletonCreated,
  resetAll,
} from "../src/index";

afterEach(() => resetAll());

describe("the registry", () => {
  it("marks creations during init and the first invocation as cold, later ones as warm", () => {
    lazySingleton("at-init", () => 1).get();
    expect(markInvocationStart()).toBe(true);
    lazySingleton("first-invocation", () => 2).get();
    expect(markInvocationStart()).toBe(false);
    expect(isColdStart()).toBe(false);
    lazySingleton("second-invocation", () => 3).get();

    expect(getSingletonCreations().map(({ name, coldStart }) => [name, coldStart])).toEqual([
      ["at-init", true],
      ["first-invocation", true],
      ["second-invocation", false],
    ]);
  });

  it("under provisioned concurrency, no invocation is a cold start", () => {
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
    try {
      lazySingleton("primed-at-init", () => 1).get();
      expect(markInvocationStart()).toBe(false);
      expect(isColdStart()).toBe(false);
      expect(getSingletonCreations()[0]).toMatchObject({
        name: "primed-at-init",
        coldStart: false,
      });
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    try {
      resetAll();
      expect(markInvocationStart()).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("calls listeners with each creation, until they unsubscribe", () => {
    const listener = vi.fn();
    const stop = onSingletonCreated(listener);
    lazySingleton("a", () => 1).get();
    stop();
    lazySingleton("b", () => 2).get();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]?.[0]).toMatchObject({ name: "a", coldStart: true });
  });

  it("survives a throwing listener, reporting it as a process warning", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const stop = onSingletonCreated(() => {
      throw new Error("logger broke");
    });
    try {
      expect(lazySingleton("a", () => "value").get()).toBe("value");
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("logger broke"), "AwsCoreWarning");
    } finally {
      stop();
      warn.mockRestore();
    }
  });

  it("resetAll resets every created or injected singleton and the records", () => {
    const a = lazySingleton("a", () => ({}));
    const b = lazySingleton("b", () => ({}));
    const c = lazySingleton("c", () => ({}));
    a.get();
    b.inject({});
    markInvocationStart();
    markInvocationStart();

    resetAll();
    expect([a.isCreated(), b.isCreated(), c.isCreated()]).toEqual([false, false, false]);
    expect(getSingletonCreations()).toEqual([]);
    expect(isColdStart()).toBe(true);
  });

  it("hands out copies of the records", () => {
    lazySingleton("a", () => 1).get();
    (getSingletonCreations() as unknown[]).length = 0;
    expect(getSingletonCreations()).toHaveLength(1);
  });
});
