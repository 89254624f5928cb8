import type { Acknowledged } from "./workload";

/** What the data check found: empty lists mean nothing was lost. */
export interface DataCheck {
  readonly users: number;
  readonly profileWrites: number;
  readonly translations: number;
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
 * Reads back, as each user, what the load run saw acknowledged: the acknowledged versions
 * rise by one at a time (none repeated), the profile holds the last of them (or the next one,
 * written by a request still in flight when the run stopped, whose answer nobody read), and
 * every acknowledged translation is in the user's history (all pages).
 *
 * @example
 * ```ts
 * const check = await checkAcknowledgedData(stack.url, tokens, acknowledged);
 * if (check.versionProblems.length || check.missingTranslations.length) process.exitCode = 1;
 * ```
 */
export async function checkAcknowledgedData(
  url: string,
  tokens: readonly string[],
  acknowledged: Acknowledged,
): Promise<DataCheck> {
  const versionProblems: string[] = [];
  const missingTranslations: string[] = [];
  let profileWrites = 0;
  let translations = 0;
  for (const token of tokens) {
    const get = (path: string) => readAs(url, token, path);
    const profile = await get("/users/me");
    // A user whose every write was refused has no profile; anything else must read back.
    if (profile.status === 404) continue;
    if (profile.status !== 200) throw new Error(`GET /users/me answered ${profile.status}`);
    const userId = String(profile.body.id);
    const versions = acknowledged.profileVersions.get(userId) ?? [];
    profileWrites += versions.length;
    const last = versions.at(-1) ?? 0;
    const stored = Number(profile.body.version);
    const rising = versions.every(
      (version, i) => i === 0 || version === (versions[i - 1] ?? 0) + 1,
    );
    if (!rising || stored < last || stored > last + 1) {
      const broken = versions.findIndex((v, i) => i > 0 && v !== (versions[i - 1] ?? 0) + 1);
      const around = broken > 0 ? `, ${versions[broken - 1]} then ${versions[broken]}` : "";
      versionProblems.push(
        `${userId}: ${versions.length} acknowledged versions up to ${last}${around}, stored ${profile.body.version}`,
      );
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
    for (const id of acknowledged.translations.get(userId) ?? []) {
      translations += 1;
      if (!history.has(id)) missingTranslations.push(`${userId}: ${id}`);
    }
  }
  return {
    users: acknowledged.profileVersions.size,
    profileWrites,
    translations,
    versionProblems,
    missingTranslations,
    sharedPasses: acknowledged.sharedPasses,
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
