import { missingPackage } from "../client/missing-package";
import type { CredentialsProvider } from "../config/types";
import { InvalidConfigError } from "../errors/errors";

/** The role to assume; see {@link assumeRole}. */
export interface AssumeRoleOptions {
  /** The role, e.g. `arn:aws:iam::111122223333:role/Reader`. */
  readonly roleArn: string;
  /**
   * An IAM policy (a document or its JSON) that narrows the role's permissions for these
   * credentials, e.g. DynamoDB access to one tenant's partition (`dynamodb:LeadingKeys`).
   * At most 2048 characters of JSON, STS's limit.
   */
  readonly sessionPolicy?: string | object;
  /**
   * The session's name, seen in CloudTrail (the tenant id, say). Default: `"lambda"`.
   * 2 to 64 of `A-Z a-z 0-9 _ + = , . @ -`.
   */
  readonly sessionName?: string;
  /** The external id the role's trust policy asks for, if any. */
  readonly externalId?: string;
}

// An IAM role ARN in any partition (aws, aws-cn, aws-us-gov, ...).
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const MAX_SESSION_POLICY_LENGTH = 2048;

/**
 * The credentials of a role, for `for({ key, credentials })`: another account's role, or a
 * tenant's role narrowed by a session policy. It is the SDK's own `fromTemporaryCredentials`
 * (STS AssumeRole from the function's credentials; the client refreshes them before they
 * expire), imported the first time the credentials are needed: install
 * `@aws-sdk/credential-providers`. A function that never imports this entry carries none of
 * that package, in any bundle.
 *
 * Checks its options at once (an `AwsCoreError` of kind `internal`), so a mistake shows at
 * the call rather than at the first request.
 *
 * @example
 * ```ts
 * import { assumeRole } from "@org/aws-core/credentials";
 * import { documentClient } from "@org/aws-dynamo";
 *
 * // Another account's table, through a role that trusts this function's role:
 * const reports = documentClient.for({
 *   key: "reporting-account",
 *   credentials: assumeRole({ roleArn: "arn:aws:iam::111122223333:role/ReportsReader" }),
 * });
 * ```
 */
export function assumeRole(options: AssumeRoleOptions): CredentialsProvider {
  const { roleArn, sessionName = "lambda", externalId } = options ?? {};
  if (!(typeof roleArn === "string" && ROLE_ARN.test(roleArn)))
    throw InvalidConfigError.invalid(
      "roleArn",
      roleArn,
      "an IAM role ARN, arn:aws:iam::<account>:role/<name>",
    );
  if (!(typeof sessionName === "string" && SESSION_NAME.test(sessionName)))
    throw InvalidConfigError.invalid(
      "sessionName",
      sessionName,
      "2 to 64 of A-Z a-z 0-9 _ + = , . @ -",
    );
  // Not echoed: an external id is a shared secret of sorts.
  if (externalId !== undefined && !(typeof externalId === "string" && EXTERNAL_ID.test(externalId)))
    throw new InvalidConfigError(
      "Invalid externalId: expected 2 to 1224 of A-Z a-z 0-9 _ + = , . @ : / -",
      { setting: "externalId" },
    );
  const policy = policyJson(options.sessionPolicy);
  const params = {
    RoleArn: roleArn,
    RoleSessionName: sessionName,
    ...(externalId && { ExternalId: externalId }),
    ...(policy && { Policy: policy }),
  };

  let provider: Promise<CredentialsProvider> | undefined;
  return async (properties) => {
    provider ??= import("@aws-sdk/credential-providers")
      .catch(missingPackage("@aws-sdk/credential-providers", "assumeRole()"))
      .then(({ fromTemporaryCredentials }) => fromTemporaryCredentials({ params }))
      .catch((error: unknown) => {
        provider = undefined; // a failed import is tried again by the next call
        throw error;
      });
    // The client passes its own settings (region, request handler, logger): the STS client
    // is made with them.
    return (await provider)(properties);
  };
}

function policyJson(sessionPolicy: unknown): string | undefined {
  if (sessionPolicy === undefined) return undefined;
  let json: string | undefined;
  try {
    json = typeof sessionPolicy === "string" ? sessionPolicy : JSON.stringify(sessionPolicy);
    if (typeof sessionPolicy === "string") JSON.parse(sessionPolicy);
  } catch {
    json = undefined;
  }
  if (typeof sessionPolicy !== "string" && typeof sessionPolicy !== "object") json = undefined;
  if (json === undefined || json.length > MAX_SESSION_POLICY_LENGTH) {
    throw new InvalidConfigError(
      `Invalid sessionPolicy: expected an IAM policy document, at most ${MAX_SESSION_POLICY_LENGTH} characters of JSON`,
      { setting: "sessionPolicy" },
    );
  }
  return json;
}
