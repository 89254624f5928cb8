import { type AppApi, apiRoutes, type LambdaNodeRuntime } from "@org/app-kit/api";
import { LambdaFunction, type LambdaFunctionBuildOptions } from "@org/aws-cdk";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { HttpApi, HttpMethod, HttpNoneAuthorizer } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Runtime, RuntimeManagementMode } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { appEntry } from "./app-entries";
import { DataTable } from "./constructs/data-table";
import { TenantRole } from "./constructs/tenant-role";
import { UserAuth } from "./constructs/user-auth";

/** The Bedrock model translation-api calls unless told otherwise (same as the app's default). */
export const DEFAULT_BEDROCK_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

/** Props of {@link LambdaAppsStack}. */
export interface LambdaAppsStackProps extends StackProps {
  /**
   * The Bedrock foundation model translation-api may invoke, in the stack's region. Must be a
   * foundation-model id (not a cross-region inference profile such as `us.anthropic...`):
   * the IAM policy allows exactly `arn:<partition>:bedrock:<region>::foundation-model/<id>`.
   * @defaultValue {@link DEFAULT_BEDROCK_MODEL_ID}
   */
  readonly bedrockModelId?: string | undefined;
  /**
   * Pins both functions' runtime to this version (runtime management, manual mode): a
   * compile cache shipped in the bundles only works on the Node.js version it was made with.
   * Needs {@link nodeVersion} while the compile cache is on.
   * @defaultValue Lambda updates the runtime itself
   */
  readonly runtimeVersionArn?: string | undefined;
  /**
   * The exact Node.js version of the functions' runtime (e.g. `"24.12.0"`): the compile caches
   * are made by it. Required with {@link runtimeVersionArn}.
   * @defaultValue the Node.js running the synth
   */
  readonly nodeVersion?: string | undefined;
  /**
   * The parts of the cold-start recipe both functions are built with (`LambdaFunction` of
   * `@org/aws-cdk`).
   * @defaultValue all of them: lean, split, exec wrapper, compile cache
   */
  readonly build?: LambdaFunctionBuildOptions | undefined;
  /**
   * Removal policy of the stateful resources (the table and the user pool).
   * @defaultValue `RemovalPolicy.RETAIN`
   */
  readonly dataRemovalPolicy?: RemovalPolicy | undefined;
}

/**
 * The repo's two sample Lambda apps behind one HTTP API:
 *
 * - `translation-api`: `POST /translations`, `GET /translations` (Cognito JWT) and
 *   `GET /health` (public); reads/writes the table and invokes one Bedrock model;
 * - `users-api`: `GET|PUT /users/me`, `GET|PUT /users/{id}` (Cognito JWT); reads/writes the
 *   table; members of the `admins` group may read every profile. A user's own profile is
 *   read and written with the tenant role, narrowed per request to that user's partition.
 *
 * The routes and their authorization come from each app's `api.ts`, the description the
 * local runner enforces too.
 *
 * The stack is environment-agnostic (no lookups), so it synthesizes without AWS credentials.
 */
export class LambdaAppsStack extends Stack {
  /** The shared single-table-design table. */
  readonly table: DataTable;
  /** The user pool and its app client. */
  readonly auth: UserAuth;
  /** The translation-api function, built from the app's `src/handler.ts` at synth. */
  readonly translationApi: LambdaFunction;
  /** The log group of translation-api. */
  readonly translationApiLogs: LogGroup;
  /** The users-api function, built from the app's `src/handler.ts` at synth. */
  readonly usersApi: LambdaFunction;
  /** The log group of users-api. */
  readonly usersApiLogs: LogGroup;
  /**
   * The role users-api assumes for a user's own profile (`TENANT_ROLE_ARN`): item actions on
   * `USER#*` partitions only, assumable by users-api's role only.
   */
  readonly usersTenantRole: TenantRole;
  /** The HTTP API in front of both functions. */
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: LambdaAppsStackProps = {}) {
    super(scope, id, props);
    const modelId = props.bedrockModelId ?? DEFAULT_BEDROCK_MODEL_ID;
    const removalPolicy = props.dataRemovalPolicy;

    this.table = new DataTable(this, "Data", { removalPolicy });
    this.auth = new UserAuth(this, "Auth", { removalPolicy });
    const { table } = this.table;
    const { userPool, userPoolClient } = this.auth;

    // Both apps: built at synth with the cold-start recipe, on their declared Node.js runtime,
    // arm64 (Graviton), handler index.handler; no permissions beyond their logs (granted below).
    const appFunction = {
      runtimeManagementMode: props.runtimeVersionArn
        ? RuntimeManagementMode.manual(props.runtimeVersionArn)
        : RuntimeManagementMode.AUTO,
      nodeVersion: props.nodeVersion,
      build: props.build,
    };
    this.translationApiLogs = appLogGroup(this, "TranslationApiLogs");
    this.translationApi = new LambdaFunction(this, "TranslationApi", {
      ...appFunction,
      entry: appEntry("translation-api"),
      runtime: RUNTIMES[translationApi.runtime],
      logGroup: this.translationApiLogs,
      description: "translation-api: translations through Bedrock, history in DynamoDB",
      memorySize: 256,
      // Below the HTTP API's 30 s integration timeout, so the function's own error reaches the caller.
      timeout: Duration.seconds(28),
      environment: {
        TABLE_NAME: table.tableName,
        COGNITO_USER_POOL_ID: userPool.userPoolId,
        COGNITO_CLIENT_ID: userPoolClient.userPoolClientId,
        BEDROCK_MODEL_ID: modelId,
      },
    });
    this.usersApiLogs = appLogGroup(this, "UsersApiLogs");
    this.usersApi = new LambdaFunction(this, "UsersApi", {
      ...appFunction,
      entry: appEntry("users-api"),
      runtime: RUNTIMES[usersApi.runtime],
      logGroup: this.usersApiLogs,
      description: "users-api: users in DynamoDB",
      memorySize: 128,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: table.tableName,
        COGNITO_USER_POOL_ID: userPool.userPoolId,
        ADMIN_GROUP: this.auth.adminGroupName,
      },
    });

    // users-api reads and writes a user's own profile with this role, narrowed by a session
    // policy to that user's partition (apps/users-api/src/tenant-client.ts).
    const usersRole = this.usersApi.role;
    if (!usersRole) throw new Error("users-api: the function has no execution role");
    this.usersTenantRole = new TenantRole(this, "UsersTenantRole", {
      description: "users-api: a user's own profile, narrowed per user by a session policy",
      assumedBy: usersRole,
      table,
      leadingKeys: "USER#*",
    });
    this.usersApi.addEnvironment("TENANT_ROLE_ARN", this.usersTenantRole.role.roleArn);
    this.usersApi.addEnvironment("TABLE_ARN", table.tableArn);

    // Least privilege. Verifying Cognito JWTs needs no IAM permission (public JWKS), and
    // Cognito's GetUser is authorized by the caller's access token: neither app gets cognito-idp.
    table.grantReadWriteData(this.translationApi);
    table.grantReadWriteData(this.usersApi);
    this.translationApi.addToRolePolicy(
      new PolicyStatement({
        actions: ["bedrock:InvokeModel"],
        resources: [
          this.formatArn({
            service: "bedrock",
            account: "",
            resource: "foundation-model",
            resourceName: modelId,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    );

    // Every route needs a valid token from the app client unless it opts out explicitly.
    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "translation-api and users-api",
      defaultAuthorizer: new HttpUserPoolAuthorizer("CognitoAuthorizer", userPool, {
        userPoolClients: [userPoolClient],
      }),
    });
    addApiRoutes(this.httpApi, translationApi, this.translationApi);
    addApiRoutes(this.httpApi, usersApi, this.usersApi);

    // `pnpm gen function <name>` adds each new function before the next line.
    // gen:functions

    new CfnOutput(this, "ApiUrl", {
      description: "Base URL of the HTTP API",
      value: this.httpApi.apiEndpoint,
    });
    new CfnOutput(this, "UserPoolId", { value: userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, "TableName", { value: table.tableName });
  }
}

const RUNTIMES: Record<LambdaNodeRuntime, Runtime> = {
  "nodejs24.x": Runtime.NODEJS_24_X,
  "nodejs22.x": Runtime.NODEJS_22_X,
};

/**
 * The routes of an app's `api.ts` on the HTTP API, each to `fn`: JWT-authorized by the API's
 * default authorizer unless the route is public, with the scopes it asks for.
 */
function addApiRoutes(httpApi: HttpApi, api: AppApi, fn: LambdaFunction): void {
  const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
  for (const { method, path, routeKey, auth } of apiRoutes(api)) {
    const httpMethod = HttpMethod[method as keyof typeof HttpMethod];
    if (!httpMethod) throw new Error(`${api.function}: no such HTTP method in "${routeKey}"`);
    httpApi.addRoutes({
      path,
      methods: [httpMethod],
      integration,
      ...(auth.auth === "public"
        ? { authorizer: new HttpNoneAuthorizer() }
        : auth.scopes?.length
          ? { authorizationScopes: [...auth.scopes] }
          : {}),
    });
  }
}

/** A function's log group: operational data, kept one month, deleted with the stack. */
function appLogGroup(scope: Construct, id: string): LogGroup {
  return new LogGroup(scope, id, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
