import type { Page } from "./types";

/** Every item of every page, fetching the next page with the cursor of the last. */
export async function* paginate<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}
