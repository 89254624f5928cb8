import { afterEach, describe, expect, it, vi } from "vitest";
import { getClientCreations, lazyAsyncSingleton, resetAll } from "../src/index";
import { SingletonCreationError } from "../src/internal";

afterEach(() => resetAll());

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("lazyAsyncSingleton", () => {
  it("does not call the factory until first access", () => {
    const factory = vi.fn(async () => 1);
    lazyAsyncSingleton("x", factory);
    expect(factory).not.toHaveBeenCalled();
  });

  it("shares one creation between concurrent first calls", async () => {
    const gate = deferred<{ id: number }>();
    const factory = vi.fn(() => gate.promise);
    const single = lazyAsyncSingleton("shared", factory);

    const calls = [single.get(), single.get(), single.get()];
    expect(single.isCreated()).toBe(false);
    gate.resolve({ id: 7 });
    const [a, b, c] = await Promise.all(calls);

    expect(factory).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await single.get()).toBe(a);
    expect(single.peek()).toBe(a);
    // A singleton's value is not a client: the registry records clients only.
    expect(getClientCreations()).toEqual([]);
  });

  it("does not cache a rejection: the next call tries again", async () => {
    const factory = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error("jwks unreachable"))
      .mockResolvedValue("keys");
    const single = lazyAsyncSingleton("jwks", factory);

    const failure = single.get();
    await expect(failure).rejects.toBeInstanceOf(SingletonCreationError);
    await expect(failure).rejects.toThrow(/jwks unreachable/);
    expect(single.isCreated()).toBe(false);

    await expect(single.get()).resolves.toBe("keys");
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it("all concurrent waiters see the same rejection, then a retry succeeds", async () => {
    const gate = deferred<string>();
    const factory = vi.fn().mockReturnValueOnce(gate.promise).mockResolvedValue("second");
    const single = lazyAsyncSingleton("x", factory);
    const waiters = [single.get(), single.get()];
    gate.reject(new Error("down"));
    for (const w of waiters) await expect(w).rejects.toThrow(/down/);
    await expect(single.get()).resolves.toBe("second");
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it("turns a factory that throws synchronously into a rejection", async () => {
    const single = lazyAsyncSingleton<string>("sync-throw", () => {
      throw new Error("sync");
    });
    await expect(single.get()).rejects.toBeInstanceOf(SingletonCreationError);
  });

  it("a reset during creation: waiters get their value, the singleton does not keep it", async () => {
    const first = deferred<string>();
    const factory = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue("after-reset");
    const single = lazyAsyncSingleton("x", factory);

    const waiting = single.get();
    single.reset();
    first.resolve("before-reset");
    await expect(waiting).resolves.toBe("before-reset");
    expect(single.isCreated()).toBe(false);
    await expect(single.get()).resolves.toBe("after-reset");
  });

  it("inject wins over a creation in flight", async () => {
    const gate = deferred<string>();
    const single = lazyAsyncSingleton("x", () => gate.promise);
    const waiting = single.get();
    single.inject("injected");
    gate.resolve("created");
    await waiting;
    await expect(single.get()).resolves.toBe("injected");
  });
});
