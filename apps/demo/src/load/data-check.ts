import type { Acknowledged } from "./workload";

/** One signed-in user of the load run: the API's user id (the Cognito `sub`) and a token. */
export interface LoadUser {
  readonly id: string;
  readonly token: string;
}

/** What the API holds for one user after the run, read back as that user. */
export interface ReadBack {
  readonly userId: string;
  /** The stored profile's version; `undefined` when GET /users/me answered 404 (no profile). */
  readonly profileVersion: number | undefined;
  /** Every translation id in the user's history (all pages). */
  readonly history: ReadonlySet<string>;
}

/** What the data check found: empty lists, and every written user checked, mean nothing was lost. */
export interface DataCheck {
  /** Users with at least one acknowledged write (a profile version or a translation). */
  readonly usersWritten: number;
  /** Of those, the users the check read back: fewer than `usersWritten` is a failure. */
  readonly usersChecked: number;
  /** Users with an acknowledged write that the check could not read back (none was signed in as them). */
  readonly uncheckedUsers: string[];
  readonly profileWrites: number;
  readonly translations: number;
  /** Users with an acknowledged profile write whose profile reads back 404: a lost write. */
  readonly missingProfiles: string[];
  /**
   * Users whose acknowledged versions repeat or go back (two writes given one version: a lost
   * update), or whose stored profile is behind its last acknowledged write, or ahead of it by
   * more than the one write a connection may have had in flight when its level ended.
   */
  readonly versionProblems: string[];
  /** Acknowledged translations missing from their user's history. */
  readonly missingTranslations: string[];
  /** Passes that shared a user with another connection (see `Acknowledged.sharedPasses`). */
  readonly sharedPasses: number;
}

/**
 * Reads back, as each user, what the load run saw acknowledged (see {@link checkReadBack}).
 *
 * @example
 * ```ts
 * const check = await checkAcknowledgedData(stack.url, users, acknowledged);
 * if (dataCheckProblems(check).length > 0) process.exitCode = 1;
 * ```
 */
export async function checkAcknowledgedData(
  url: string,
  users: readonly LoadUser[],
  acknowledged: Acknowledged,
): Promise<DataCheck> {
  const readBacks: ReadBack[] = [];
  for (const user of users) readBacks.push(await readBack(url, user));
  return checkReadBack(acknowledged, readBacks);
}

/**
 * Compares what the load run saw acknowledged with what was read back. Every user with an
 * acknowledged write must have been read back (users checked = users written). For every
 * user: the acknowledged versions rise by one at a time (none repeated); the profile holds
 * the last of them (or the next one, written by a request still in flight when the run
 * stopped, whose answer nobody read); a 404 is a lost profile if any version of it was
 * acknowledged (a user whose every write was refused, or answered 5xx and so may or may not
 * have been applied, may have none); and every acknowledged translation is in the history.
 *
 * @example
 * ```ts
 * const check = checkReadBack(acknowledged, [{ userId: "u1", profileVersion: 3, history: new Set(["t1"]) }]);
 * ```
 */
export function checkReadBack(
  acknowledged: Acknowledged,
  readBacks: readonly ReadBack[],
): DataCheck {
  const written = new Set<string>();
  for (const map of [acknowledged.profileVersions, acknowledged.translations]) {
    for (const [userId, list] of map) if (list.length > 0) written.add(userId);
  }
  const byUser = new Map(readBacks.map((read) => [read.userId, read]));
  const uncheckedUsers: string[] = [];
  const missingProfiles: string[] = [];
  const versionProblems: string[] = [];
  const missingTranslations: string[] = [];
  let usersChecked = 0;
  let profileWrites = 0;
  let translations = 0;
  for (const userId of new Set([...written, ...byUser.keys()])) {
    const versions = acknowledged.profileVersions.get(userId) ?? [];
    const translationIds = acknowledged.translations.get(userId) ?? [];
    profileWrites += versions.length;
    translations += translationIds.length;
    const read = byUser.get(userId);
    if (!read) {
      uncheckedUsers.push(userId);
      continue;
    }
    if (written.has(userId)) usersChecked += 1;
    const last = versions.at(-1) ?? 0;
    const rising = versions.every(
      (version, i) => i === 0 || version === (versions[i - 1] ?? 0) + 1,
    );
    const stored = read.profileVersion;
    if (stored === undefined && versions.length > 0) {
      missingProfiles.push(
        `${userId}: ${versions.length} acknowledged versions up to ${last}, GET /users/me answered 404`,
      );
    }
    const storedWrong =
      stored !== undefined && (!Number.isInteger(stored) || stored < last || stored > last + 1);
    if (!rising || storedWrong) {
      const broken = versions.findIndex((v, i) => i > 0 && v !== (versions[i - 1] ?? 0) + 1);
      const around = broken > 0 ? `, ${versions[broken - 1]} then ${versions[broken]}` : "";
      versionProblems.push(
        `${userId}: ${versions.length} acknowledged versions up to ${last}${around}, stored ${stored ?? "none (404)"}`,
      );
    }
    for (const id of translationIds) {
      if (!read.history.has(id)) missingTranslations.push(`${userId}: ${id}`);
    }
  }
  return {
    usersWritten: written.size,
    usersChecked,
    uncheckedUsers,
    profileWrites,
    translations,
    missingProfiles,
    versionProblems,
    missingTranslations,
    sharedPasses: acknowledged.sharedPasses,
  };
}

/**
 * Every problem the data check found, one line each: a written user not checked, a lost
 * profile, a version out of order, a lost translation. Empty when nothing was lost.
 *
 * @example
 * ```ts
 * for (const problem of dataCheckProblems(check)) console.log(`- ${problem}`);
 * ```
 */
export function dataCheckProblems(check: DataCheck): string[] {
  return [
    ...(check.usersChecked !== check.usersWritten
      ? [
          `users: ${check.usersWritten} with acknowledged writes, ${check.usersChecked} checked (not read back: ${check.uncheckedUsers.join(", ")})`,
        ]
      : []),
    ...check.missingProfiles.map((p) => `missing profile: ${p}`),
    ...check.versionProblems.map((p) => `version: ${p}`),
    ...check.missingTranslations.map((p) => `missing translation: ${p}`),
  ];
}

/**
 * Reads, as the user, their profile (404 when there is none) and every page of their
 * translation history. A profile of another user, or any other answer, is an error.
 */
export async function readBack(url: string, user: LoadUser): Promise<ReadBack> {
  const get = (path: string) => readAs(url, user.token, path);
  const profile = await get("/users/me");
  if (profile.status !== 200 && profile.status !== 404) {
    throw new Error(`GET /users/me answered ${profile.status}`);
  }
  if (profile.status === 200 && String(profile.body.id) !== user.id) {
    throw new Error(`GET /users/me as ${user.id} answered the profile of ${profile.body.id}`);
  }
  const history = new Set<string>();
  const path = (at: string | undefined) =>
    `/translations?limit=50${at ? `&cursor=${encodeURIComponent(at)}` : ""}`;
  let cursor: string | undefined;
  do {
    const page = await get(path(cursor));
    if (page.status !== 200) throw new Error(`GET ${path(cursor)} answered ${page.status}`);
    for (const item of page.body.items as { id: string }[]) history.add(item.id);
    cursor = typeof page.body.cursor === "string" ? page.body.cursor : undefined;
  } while (cursor);
  return {
    userId: user.id,
    profileVersion: profile.status === 200 ? Number(profile.body.version) : undefined,
    history,
  };
}

// Requests the load left in flight may still hold every container the reserved concurrency
// allows: a 429 here means "not yet", so the check waits and asks again.
async function readAs(url: string, token: string, path: string) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 429 || attempt === 50) {
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
