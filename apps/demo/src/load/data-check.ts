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
    const get = async (path: string) => {
      const response = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const profile = await get("/users/me");
    if (profile.status !== 200) continue;
    const userId = String(profile.body.id);
    const versions = acknowledged.profileVersions.get(userId) ?? [];
    profileWrites += versions.length;
    const last = versions.at(-1) ?? 0;
    const stored = Number(profile.body.version);
    const rising = versions.every(
      (version, i) => i === 0 || version === (versions[i - 1] ?? 0) + 1,
    );
    if (!rising || stored < last || stored > last + 1) {
      versionProblems.push(
        `${userId}: acknowledged [${versions.join()}], stored ${profile.body.version}`,
      );
    }
    const history = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await get(
        `/translations?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
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
  };
}
