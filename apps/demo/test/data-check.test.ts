import { describe, expect, it } from "vitest";
import { checkReadBack, dataCheckProblems, type ReadBack } from "../src/load/data-check";
import type { Acknowledged } from "../src/load/workload";

// What the load run saw acknowledged: ada's profile at versions 1..3 and two translations,
// bob's profile at 1..2 and one translation, cy's one translation (no profile write answered).
const acknowledged = (): Acknowledged => ({
  profileVersions: new Map([
    ["ada", [1, 2, 3]],
    ["bob", [1, 2]],
  ]),
  translations: new Map([
    ["ada", ["t1", "t2"]],
    ["bob", ["t3"]],
    ["cy", ["t4"]],
  ]),
  sharedPasses: 0,
});

const read = (userId: string, profileVersion: number | undefined, history: string[]): ReadBack => ({
  userId,
  profileVersion,
  history: new Set(history),
});

// Everything acknowledged reads back; cy's profile is absent (none of its writes was
// acknowledged), and dee, signed in but never acknowledged a write, holds the one write a
// connection may have had in flight when the run stopped.
const allPresent = (): ReadBack[] => [
  read("ada", 3, ["t1", "t2"]),
  read("bob", 3, ["t3", "t-unacknowledged"]),
  read("cy", undefined, ["t4"]),
  read("dee", 1, []),
];

describe("the load run's data check", () => {
  it("passes when every acknowledged write reads back", () => {
    const check = checkReadBack(acknowledged(), allPresent());

    expect(check).toMatchObject({
      usersWritten: 3,
      usersChecked: 3,
      uncheckedUsers: [],
      profileWrites: 5,
      translations: 4,
      missingProfiles: [],
      versionProblems: [],
      missingTranslations: [],
    });
    expect(dataCheckProblems(check)).toEqual([]);
  });

  it("reports a user whose profile and translations vanished (404, empty history)", () => {
    const readBacks = allPresent().map((r) =>
      r.userId === "ada" ? read("ada", undefined, []) : r,
    );

    const check = checkReadBack(acknowledged(), readBacks);

    expect(check.usersChecked).toBe(check.usersWritten);
    expect(check.missingProfiles).toEqual([
      "ada: 3 acknowledged versions up to 3, GET /users/me answered 404",
    ]);
    expect(check.missingTranslations).toEqual(["ada: t1", "ada: t2"]);
    expect(check.versionProblems).toEqual([]);
    expect(dataCheckProblems(check)).toEqual([
      "missing profile: ada: 3 acknowledged versions up to 3, GET /users/me answered 404",
      "missing translation: ada: t1",
      "missing translation: ada: t2",
    ]);
  });

  it("reports a lost profile even when the translations survived", () => {
    const readBacks = allPresent().map((r) =>
      r.userId === "bob" ? read("bob", undefined, ["t3"]) : r,
    );

    const check = checkReadBack(acknowledged(), readBacks);

    expect(check.missingProfiles).toEqual([
      "bob: 2 acknowledged versions up to 2, GET /users/me answered 404",
    ]);
    expect(check.missingTranslations).toEqual([]);
    expect(dataCheckProblems(check)).toHaveLength(1);
  });

  it("fails when a user with acknowledged writes was not read back", () => {
    const check = checkReadBack(
      acknowledged(),
      allPresent().filter((r) => r.userId !== "cy"),
    );

    expect(check).toMatchObject({ usersWritten: 3, usersChecked: 2, uncheckedUsers: ["cy"] });
    expect(dataCheckProblems(check)).toEqual([
      "users: 3 with acknowledged writes, 2 checked (not read back: cy)",
    ]);
  });

  it("reports a stored profile behind its last acknowledged write, or more than one ahead", () => {
    const behind = allPresent().map((r) => (r.userId === "ada" ? read("ada", 2, ["t1", "t2"]) : r));
    expect(checkReadBack(acknowledged(), behind).versionProblems).toEqual([
      "ada: 3 acknowledged versions up to 3, stored 2",
    ]);
    const ahead = allPresent().map((r) => (r.userId === "bob" ? read("bob", 4, ["t3"]) : r));
    expect(checkReadBack(acknowledged(), ahead).versionProblems).toEqual([
      "bob: 2 acknowledged versions up to 2, stored 4",
    ]);
    // A user with no acknowledged write may hold the one write in flight, not two.
    const unanswered = allPresent().map((r) => (r.userId === "dee" ? read("dee", 2, []) : r));
    expect(checkReadBack(acknowledged(), unanswered).versionProblems).toEqual([
      "dee: 0 acknowledged versions up to 0, stored 2",
    ]);
  });

  it("reports acknowledged versions that repeat (a lost update)", () => {
    const repeated = acknowledged();
    repeated.profileVersions.set("ada", [1, 2, 2, 3]);

    expect(checkReadBack(repeated, allPresent()).versionProblems).toEqual([
      "ada: 4 acknowledged versions up to 3, 2 then 2, stored 3",
    ]);
  });
});
