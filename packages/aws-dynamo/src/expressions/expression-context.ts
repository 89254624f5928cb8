/**
 * Collects the placeholders of one request's expressions, so that condition, update, key and
 * filter expressions can share `ExpressionAttributeNames` / `ExpressionAttributeValues`
 * without clashing, and no user value is ever pasted into an expression string.
 */
export class ExpressionContext {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly nameIds = new Map<string, string>();
  private valueCount = 0;

  /** A placeholder for an attribute path; `a.b` is the nested attribute `b` of map `a`. */
  name(path: string): string {
    return path
      .split(".")
      .map((part) => {
        let id = this.nameIds.get(part);
        if (!id) {
          id = `#n${this.nameIds.size}`;
          this.nameIds.set(part, id);
          this.names[id] = part;
        }
        return id;
      })
      .join(".");
  }

  /** A placeholder for a value. */
  value(value: unknown): string {
    const id = `:v${this.valueCount++}`;
    this.values[id] = value;
    return id;
  }

  /** The names and values in the shape of a DynamoDB command input (omitted when empty). */
  toInput(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return {
      ...(this.nameIds.size ? { ExpressionAttributeNames: this.names } : {}),
      ...(this.valueCount ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
