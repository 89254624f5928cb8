import { readFileSync } from "node:fs";
import { join } from "node:path";
import { aws } from "@org/aws";
import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import { defineClient } from "@org/aws-core";
import { documentClient, dynamo } from "@org/aws-dynamo";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./workspace";

// The member table of packages/aws-core/README.md ("One client shape") is the promise: every
// client of every package, and each member of the facade, has exactly those members.
function documentedMembers(): string[] {
  const readme = readFileSync(join(repoRoot, "packages/aws-core/README.md"), "utf8");
  const section = readme.split("## One client shape")[1]?.split("\n## ")[0] ?? "";
  return [...section.matchAll(/^\| `([a-zA-Z]+)(?:\([^`]*\))?` +\|/gm)].map(
    ([, name]) => name as string,
  );
}

/** Own and inherited members, as a user sees them (not Object's). */
function membersOf(client: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = client; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (key !== "constructor" && !key.startsWith("_")) names.add(key);
    }
  }
  return [...names];
}

// Implementations keep their state in `#private` fields, so what a user can reach at run time
// is what the types promise.
const clients = {
  "@org/aws-dynamo dynamo": dynamo,
  "@org/aws-dynamo documentClient": documentClient,
  "@org/aws-bedrock bedrock": bedrock,
  "@org/aws-cognito cognito": cognito,
  "@org/aws aws.documentClient": aws.documentClient,
  "@org/aws aws.bedrock": aws.bedrock,
  "@org/aws aws.cognito": aws.cognito,
  "@org/aws-core defineClient()": defineClient({ name: "sqs", create: () => ({}) }),
};

describe("one client shape", () => {
  const documented = documentedMembers();

  it("the README's member table lists the members", () => {
    expect(documented).toEqual([
      "name",
      "client",
      "get",
      "sdk",
      "configure",
      "inject",
      "reset",
      "peek",
      "onCreate",
      "for",
    ]);
  });

  it.each(Object.entries(clients))("%s has every documented member", (_, client) => {
    // `in`, not a read: reading `client` creates the client (or says its SDK is not loaded).
    for (const member of documented) expect(member in client, member).toBe(true);
    const functions = documented.filter((m) => m !== "name" && m !== "client");
    for (const member of functions) {
      expect(typeof (client as unknown as Record<string, unknown>)[member], member).toBe(
        "function",
      );
    }
  });

  it.each(Object.entries(clients))(
    "%s has no public member the table does not list",
    (_, client) => {
      expect(membersOf(client).sort()).toEqual([...documented].sort());
    },
  );
});
