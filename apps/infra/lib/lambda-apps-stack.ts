import { apiRoutes } from "@org/app-kit/api";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import {
  ArnFormat,
  CfnOutput,
  Duration,
  type RemovalPolicy,
  Stack,
  type StackProps,
} from "aws-cdk-lib";
import { HttpApi, HttpMethod, HttpNoneAuthorizer } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import { DataTable } from "./constructs/data-table";
import { LambdaApp } from "./constructs/lambda-app";
import { TenantRole } from "./constructs/tenant-role";
import { UserAuth } from "./constructs/user-auth";

/** The Bedrock model translation-api calls unless told otherwise (same as the app's default). */
export const DEFAULT_BEDROCK_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

/** Props of {@link LambdaAppsStack}. */
export interface LambdaAppsStackProps extends StackProps {
  /** Folder of translation-api's bundle (`index.mjs`), e.g. `apps/translation-api/dist`. */
  readonly translationApiAssetPath: string;
  /** Folder of users-api's bundle (`index.mjs`), e.g. `apps/users-api/dist`. */
  readonly usersApiAssetPath: string;
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
   * @defaultValue Lambda updates the runtime itself
   */
  readonly runtimeVersionArn?: string | undefined;
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
  /** The translation-api function. */
  readonly translationApi: LambdaApp;
  /** The users-api function. */
  readonly usersApi: LambdaApp;
  /**
   * The role users-api assumes for a user's own profile (`TENANT_ROLE_ARN`): item actions on
   * `USER#*` partitions only, assumable by users-api's role only.
   */
  readonly usersTenantRole: TenantRole;
  /** The HTTP API in front of both functions. */
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: LambdaAppsStackProps) {
    super(scope, id, props);
    const modelId = props.bedrockModelId ?? DEFAULT_BEDROCK_MODEL_ID;
    const removalPolicy = props.dataRemovalPolicy;

    this.table = new DataTable(this, "Data", { removalPolicy });
    this.auth = new UserAuth(this, "Auth", { removalPolicy });
    const { table } = this.table;
    const { userPool, userPoolClient } = this.auth;

    this.translationApi = new LambdaApp(this, "TranslationApi", {
      assetPath: props.translationApiAssetPath,
      runtime: translationApi.runtime,
      runtimeVersionArn: props.runtimeVersionArn,
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
    this.usersApi = new LambdaApp(this, "UsersApi", {
      assetPath: props.usersApiAssetPath,
      runtime: usersApi.runtime,
      runtimeVersionArn: props.runtimeVersionArn,
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
    const usersRole = this.usersApi.function.role;
    if (!usersRole) throw new Error("users-api: the function has no execution role");
    this.usersTenantRole = new TenantRole(this, "UsersTenantRole", {
      description: "users-api: a user's own profile, narrowed per user by a session policy",
      assumedBy: usersRole,
      table,
      leadingKeys: "USER#*",
    });
    this.usersApi.function.addEnvironment("TENANT_ROLE_ARN", this.usersTenantRole.role.roleArn);
    this.usersApi.function.addEnvironment("TABLE_ARN", table.tableArn);

    // Least privilege. Verifying Cognito JWTs needs no IAM permission (public JWKS), and
    // Cognito's GetUser is authorized by the caller's access token: neither app gets cognito-idp.
    table.grantReadWriteData(this.translationApi.function);
    table.grantReadWriteData(this.usersApi.function);
    this.translationApi.function.addToRolePolicy(
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
    const integrations = {
      [translationApi.function]: new HttpLambdaIntegration(
        "Translation",
        this.translationApi.function,
      ),
      [usersApi.function]: new HttpLambdaIntegration("Users", this.usersApi.function),
    };
    for (const api of [translationApi, usersApi]) {
      for (const { method, path, routeKey, auth } of apiRoutes(api)) {
        const httpMethod = HttpMethod[method as keyof typeof HttpMethod];
        if (!httpMethod) throw new Error(`${api.function}: no such HTTP method in "${routeKey}"`);
        this.httpApi.addRoutes({
          path,
          methods: [httpMethod],
          integration: integrations[api.function] as HttpLambdaIntegration,
          ...(auth.auth === "public"
            ? { authorizer: new HttpNoneAuthorizer() }
            : auth.scopes?.length
              ? { authorizationScopes: [...auth.scopes] }
              : {}),
        });
      }
    }

    new CfnOutput(this, "ApiUrl", {
      description: "Base URL of the HTTP API",
      value: this.httpApi.apiEndpoint,
    });
    new CfnOutput(this, "UserPoolId", { value: userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, "TableName", { value: table.tableName });
  }
}
