import { afterEach, describe, expect, it, vi } from "vitest";
import { resetAll } from "../src/index";
import { configurableSingleton, InvalidConfigError } from "../src/internal";

afterEach(() => resetAll());

const counter = () => {
  const factory = vi.fn((options: { start?: number }) => ({ value: options.start ?? 0 }));
  return { factory, singleton: configurableSingleton("counter", factory) };
};

describe("configurableSingleton", () => {
  it("creates from the options configured before first use, merged", () => {
    const { factory, singleton } = counter();
    singleton.configure({ start: 1 });
    singleton.configure({ start: 5 });
    expect(factory).not.toHaveBeenCalled();
    expect(singleton.get()).toEqual({ value: 5 });
    expect(singleton.get()).toBe(singleton.get());
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("refuses configuration once created, instead of losing it", () => {
    const { singleton } = counter();
    singleton.get();
    expect(() => singleton.configure({ start: 2 })).toThrow(InvalidConfigError);
    expect(() => singleton.configure({ start: 2 })).toThrow(
      "Cannot change its configuration: counter already created; configure before first use (or reset first)",
    );
  });

  it("checks options with validateOptions", () => {
    const singleton = configurableSingleton("checked", (o: { n?: number }) => o, {
      validateOptions: (o) => {
        if (o.n !== undefined && o.n < 0) throw InvalidConfigError.invalid("n", o.n, "0 or more");
      },
    });
    expect(() => singleton.configure({ n: -1 })).toThrow(InvalidConfigError);
    expect(() => singleton.configure({ n: -1 })).toThrow(
      expect.objectContaining({ setting: "n", message: "Invalid n: -1. Expected 0 or more." }),
    );
    expect(singleton.options()).toEqual({});
  });

  it("reset() forgets the instance and keeps the options", () => {
    const { factory, singleton } = counter();
    singleton.configure({ start: 3 });
    const first = singleton.get();
    singleton.reset();
    expect(singleton.isCreated()).toBe(false);
    expect(singleton.get()).not.toBe(first);
    expect(singleton.get()).toEqual({ value: 3 });
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it("resetAll() forgets the instance and the options", () => {
    const { singleton } = counter();
    singleton.configure({ start: 3 });
    singleton.get();
    resetAll();
    expect(singleton.isCreated()).toBe(false);
    expect(singleton.options()).toEqual({});
    expect(singleton.get()).toEqual({ value: 0 });
  });

  it("resetAll() forgets options of a singleton that was configured but never created", () => {
    const { singleton } = counter();
    singleton.configure({ start: 9 });
    resetAll();
    expect(singleton.get()).toEqual({ value: 0 });
  });
});
