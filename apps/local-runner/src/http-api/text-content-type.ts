/**
 * Whether API Gateway passes a request body of this content type to Lambda as text. Anything
 * else, a missing content type and `application/x-www-form-urlencoded` included, arrives
 * base64-encoded with `isBase64Encoded: true`.
 *
 * @example
 * ```ts
 * isTextContentType("application/json; charset=utf-8"); // true
 * isTextContentType("image/png"); // false
 * ```
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/javascript" ||
    type === "application/graphql"
  );
}
