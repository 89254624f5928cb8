import type { Request } from "autocannon";
import { describe, expect, it } from "vitest";
import { percentile, timed } from "../src/load/latency";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
});

describe("timed", () => {
  it("records one latency per answer and keeps each request's own hooks", async () => {
    const latencies: number[] = [];
    const seen: number[] = [];
    const [request] = timed(
      [
        {
          method: "GET",
          path: "/x",
          setupRequest: (r) => ({ ...r, path: "/y" }),
          onResponse: (status) => seen.push(status),
        },
      ],
      latencies,
    ) as [Request];
    const context = {};
    const setup = request.setupRequest as (request: Request, context: object) => Request;
    expect(setup({ method: "GET", path: "/x" }, context)).toMatchObject({
      path: "/y",
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    (request.onResponse as (status: number, body: string, context: object) => void)(
      200,
      "",
      context,
    );
    expect(seen).toEqual([200]);
    expect(latencies).toHaveLength(1);
    expect(latencies[0]).toBeGreaterThanOrEqual(15);
  });
});
