import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { LocalServiceError } from "./errors";

/** Options of {@link startLocalSts}. */
export interface LocalStsOptions {
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number | undefined;
  /**
   * How long the issued credentials live, in seconds (1 to 43200), whatever the request's
   * `DurationSeconds`: a short life makes the SDK refresh them. Default: the request's
   * `DurationSeconds`, else 3600, as STS does.
   */
  readonly credentialsLifetimeSeconds?: number | undefined;
}

/** One AssumeRole call the local STS granted. */
export interface LocalAssumedRole {
  readonly roleArn: string;
  readonly sessionName: string;
  /** The session policy, parsed; `undefined` when the request had none. */
  readonly policy: Record<string, unknown> | undefined;
  readonly externalId: string | undefined;
  /** `DurationSeconds` as requested; `undefined` when the request had none. */
  readonly durationSeconds: number | undefined;
  /** The region of the request's SigV4 signature (the STS client's region). */
  readonly region: string | undefined;
  /** The credentials issued: what a client using them signs its requests with. */
  readonly accessKeyId: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** A running local STS. */
export interface LocalSts {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_STS`. */
  readonly endpoint: string;
  readonly port: number;
  /** Every AssumeRole granted, oldest first (refused requests are not in it). */
  readonly assumedRoles: LocalAssumedRole[];
  /** Stops the server and closes its connections. */
  stop(): Promise<void>;
}

type StsErrorCode =
  | "ValidationError"
  | "MalformedPolicyDocument"
  | "InvalidAction"
  | "MissingAuthenticationToken"
  | "InternalFailure";

// What the stand-in answers instead of granting a request: an STS error response, never
// an error of the stand-in itself (so not an Error: it leaves no stack behind).
class StsRefusal {
  constructor(
    readonly code: StsErrorCode,
    readonly message: string,
    readonly status = 400,
  ) {}
}

// STS's own limits.
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;
const DEFAULT_DURATION_SECONDS = 3600;
const MAX_POLICY_LENGTH = 2048;
// The form of an AssumeRole call is a few kilobytes at most (a 2048-character policy,
// percent-encoded, is the bulk of it).
const MAX_BODY_BYTES = 64 * 1024;
const XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

// arn:<partition>:iam::<account>:role/<path/><name>; the assumed role's ARN drops the path.
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/){0,32}([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const SIGV4_CREDENTIAL = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/;

// AWS's key ids are base32 (A-Z, 2-7); 256 is a multiple of 32, so no letter is favoured.
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const base32 = (bytes: Uint8Array, length: number) =>
  Array.from(bytes.subarray(0, length), (byte) => BASE32[byte % 32]).join("");

const xmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

// STS echoes a refused value; a long one is cut so the message stays readable.
const shown = (value: string) => (value.length > 80 ? `${value.slice(0, 77)}...` : value);

const notNull = (field: string) =>
  new StsRefusal(
    "ValidationError",
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  );

function checkOption(name: string, value: number | undefined, min: number, max: number) {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max))
    throw new LocalServiceError(
      `startLocalSts: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
}

function sendXml(res: ServerResponse, status: number, requestId: string, xml: string) {
  res.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

// The awsQuery error shape: the SDK maps `Code` to its exception class
// (MalformedPolicyDocument → MalformedPolicyDocumentException), or names the error after it.
function sendError(res: ServerResponse, refusal: StsRefusal) {
  const requestId = randomUUID();
  sendXml(
    res,
    refusal.status,
    requestId,
    `<ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>${refusal.status >= 500 ? "Receiver" : "Sender"}</Type><Code>${refusal.code}</Code><Message>${xmlEscape(refusal.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

/**
 * Starts a local AWS STS on 127.0.0.1 in this process. It answers `AssumeRole` as the
 * SDK's STS client sends it (the awsQuery protocol: a form-encoded POST, an XML answer),
 * with fresh random credentials, and refuses what STS refuses (a malformed role ARN or
 * session name, a session policy that is not JSON or over 2048 characters, a
 * `DurationSeconds` outside 900..43200) with STS's errors. Point the SDK at it with
 * `AWS_ENDPOINT_URL_STS`; `assumedRoles` tells which role and session policy each client
 * assumed.
 *
 * @example
 * ```ts
 * import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
 * import { startLocalSts } from "@org/aws-testing/local";
 *
 * const sts = await startLocalSts({ credentialsLifetimeSeconds: 900 });
 * process.env.AWS_ENDPOINT_URL_STS = sts.endpoint;
 * const credentials = await fromTemporaryCredentials({
 *   params: { RoleArn: "arn:aws:iam::111122223333:role/Reader", RoleSessionName: "tenant-a" },
 * })();
 * sts.assumedRoles[0]?.accessKeyId === credentials.accessKeyId; // true
 * await sts.stop();
 * ```
 */
export async function startLocalSts(options: LocalStsOptions = {}): Promise<LocalSts> {
  checkOption("port", options.port, 0, 65_535);
  checkOption(
    "credentialsLifetimeSeconds",
    options.credentialsLifetimeSeconds,
    1,
    MAX_DURATION_SECONDS,
  );
  const assumedRoles: LocalAssumedRole[] = [];

  function assumeRole(params: URLSearchParams, req: IncomingMessage): string {
    const roleArn = params.get("RoleArn");
    const sessionName = params.get("RoleSessionName");
    if (roleArn === null) throw notNull("roleArn");
    if (sessionName === null) throw notNull("roleSessionName");
    const role = ROLE_ARN.exec(roleArn);
    if (!role)
      throw new StsRefusal(
        "ValidationError",
        `${shown(roleArn)} is invalid: expected an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>`,
      );
    if (!SESSION_NAME.test(sessionName))
      throw new StsRefusal(
        "ValidationError",
        `1 validation error detected: Value '${shown(sessionName)}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}`,
      );
    const externalId = params.get("ExternalId") ?? undefined;
    // The external id is a shared secret of sorts: not echoed.
    if (externalId !== undefined && !EXTERNAL_ID.test(externalId))
      throw new StsRefusal(
        "ValidationError",
        "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:/-]{2,1224}",
      );
    const duration = params.get("DurationSeconds");
    const durationSeconds = duration === null ? undefined : Number(duration);
    if (
      durationSeconds !== undefined &&
      !(
        /^\d{1,6}$/.test(duration ?? "") &&
        durationSeconds >= MIN_DURATION_SECONDS &&
        durationSeconds <= MAX_DURATION_SECONDS
      )
    )
      throw new StsRefusal(
        "ValidationError",
        `1 validation error detected: Value '${shown(duration ?? "")}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`,
      );
    const policyJson = params.get("Policy") ?? undefined;
    let policy: Record<string, unknown> | undefined;
    if (policyJson !== undefined) {
      if (policyJson.length > MAX_POLICY_LENGTH)
        throw new StsRefusal(
          "ValidationError",
          `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_POLICY_LENGTH}`,
        );
      try {
        policy = JSON.parse(policyJson);
      } catch {
        policy = undefined;
      }
      if (typeof policy !== "object" || policy === null || Array.isArray(policy))
        throw new StsRefusal(
          "MalformedPolicyDocument",
          "The policy is not in the valid JSON format.",
        );
    }

    const [, partition, account, roleName] = role as unknown as [string, string, string, string];
    const lifetime =
      options.credentialsLifetimeSeconds ?? durationSeconds ?? DEFAULT_DURATION_SECONDS;
    // Whole seconds: what the XML carries and the SDK parses back.
    const expiration = new Date(Math.floor(Date.now() / 1000 + lifetime) * 1000);
    const accessKeyId = `ASIA${base32(randomBytes(16), 16)}`;
    const secretAccessKey = randomBytes(30).toString("base64");
    const sessionToken = randomBytes(180).toString("base64");
    // A role's id is the same at every call, as in IAM.
    const roleId = `AROA${base32(createHash("sha256").update(roleArn).digest(), 17)}`;
    assumedRoles.push({
      roleArn,
      sessionName,
      policy,
      externalId,
      durationSeconds,
      region: SIGV4_CREDENTIAL.exec(authorization(req, params))?.[1],
      accessKeyId,
      sessionToken,
      expiration,
    });
    return `<AssumeRoleResult><AssumedRoleUser><Arn>arn:${partition}:sts::${account}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(sessionName)}</Arn><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secretAccessKey}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken><Expiration>${expiration.toISOString().replace(/\.\d{3}Z$/, "Z")}</Expiration></Credentials></AssumeRoleResult>`;
  }

  function answer(req: IncomingMessage, res: ServerResponse, body: string) {
    // The query string and the form both carry parameters (STS takes GET and POST).
    const params = new URL(req.url ?? "/", "http://local").searchParams;
    for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
    if (!SIGV4_CREDENTIAL.test(authorization(req, params)))
      throw new StsRefusal(
        "MissingAuthenticationToken",
        "Request is missing Authentication Token",
        403,
      );
    const action = params.get("Action") ?? "";
    if (action !== "AssumeRole")
      throw new StsRefusal(
        "InvalidAction",
        `Could not find operation ${shown(action)} for version ${params.get("Version") ?? "NO_VERSION_SPECIFIED"}`,
      );
    const requestId = randomUUID();
    const result = assumeRole(params, req);
    sendXml(
      res,
      200,
      requestId,
      `<AssumeRoleResponse xmlns="${XML_NAMESPACE}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        if (size > MAX_BODY_BYTES)
          throw new StsRefusal("ValidationError", `Request body over ${MAX_BODY_BYTES} bytes`);
        answer(req, res, Buffer.concat(chunks).toString("utf8"));
      } catch (error) {
        sendError(
          res,
          error instanceof StsRefusal
            ? error
            : new StsRefusal("InternalFailure", String(error), 500),
        );
      }
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new LocalServiceError(`The local STS could not listen on 127.0.0.1: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    assumedRoles,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// SigV4 in the Authorization header, or presigned in the query string.
function authorization(req: IncomingMessage, params: URLSearchParams): string {
  const header = req.headers.authorization;
  if (header) return header;
  const credential = params.get("X-Amz-Credential");
  return credential ? `Credential=${credential}` : "";
}
