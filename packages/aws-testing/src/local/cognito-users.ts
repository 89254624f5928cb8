import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoLocal } from "./cognito-local";

/** Where a local user pool is: what {@link startCognitoLocal} returns. */
export type LocalUserPool = Pick<CognitoLocal, "endpoint" | "region" | "userPoolId">;

async function withClient<T>(
  pool: LocalUserPool,
  use: (client: CognitoIdentityProviderClient) => Promise<T>,
): Promise<T> {
  const client = new CognitoIdentityProviderClient({
    endpoint: pool.endpoint,
    region: pool.region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

// Creates an app client (no secret, USER_PASSWORD_AUTH allowed) and returns its id; public
// as `createClient()` of what startCognitoLocal returns.
export function createUserPoolClient(pool: LocalUserPool, name = "test-client"): Promise<string> {
  return withClient(pool, async (client) => {
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.userPoolId,
        ClientName: name,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    return UserPoolClient?.ClientId as string;
  });
}

/** A user to create with {@link createUser}. */
export interface LocalUser {
  readonly username: string;
  readonly password: string;
  readonly email?: string | undefined;
  /** Groups to put the user in; missing groups are created. */
  readonly groups?: readonly string[] | undefined;
}

/**
 * Creates a confirmed user with a permanent password, in the given groups; returns its `sub`.
 *
 * @example
 * ```ts
 * const sub = await createUser(cognito, { username: "ada", password: "Passw0rd!", groups: ["admin"] });
 * ```
 */
export function createUser(pool: LocalUserPool, user: LocalUser): Promise<string> {
  return withClient(pool, async (client) => {
    const { User } = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.userPoolId,
        Username: user.username,
        MessageAction: "SUPPRESS",
        UserAttributes: user.email
          ? [
              { Name: "email", Value: user.email },
              { Name: "email_verified", Value: "true" },
            ]
          : [],
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.userPoolId,
        Username: user.username,
        Password: user.password,
        Permanent: true,
      }),
    );
    for (const GroupName of user.groups ?? []) {
      await client
        .send(new CreateGroupCommand({ UserPoolId: pool.userPoolId, GroupName }))
        .catch((error: Error) => {
          if (error.name !== "GroupExistsException") throw error;
        });
      await client.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: pool.userPoolId,
          Username: user.username,
          GroupName,
        }),
      );
    }
    return User?.Attributes?.find((a) => a.Name === "sub")?.Value ?? (User?.Username as string);
  });
}

/** Tokens from {@link signIn}. */
export interface SignedInTokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
}

/**
 * Signs a user in (InitiateAuth, USER_PASSWORD_AUTH) and returns real tokens.
 *
 * @example
 * ```ts
 * const { accessToken, idToken } = await signIn(cognito, { clientId, username: "ada", password: "Passw0rd!" });
 * ```
 */
export function signIn(
  pool: LocalUserPool,
  credentials: { clientId: string; username: string; password: string },
): Promise<SignedInTokens> {
  return withClient(pool, async (client) => {
    const { AuthenticationResult } = await client.send(
      new InitiateAuthCommand({
        ClientId: credentials.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: credentials.username, PASSWORD: credentials.password },
      }),
    );
    return {
      accessToken: AuthenticationResult?.AccessToken as string,
      idToken: AuthenticationResult?.IdToken as string,
      refreshToken: AuthenticationResult?.RefreshToken as string,
    };
  });
}

// Points `@org/aws-cognito` (its client, and the token verifier's JWKS) at a local pool:
// sets AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID.
export function useLocalUserPool(
  pool: LocalUserPool,
  clientId: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = pool.endpoint;
  env.COGNITO_USER_POOL_ID = pool.userPoolId;
  env.COGNITO_CLIENT_ID = clientId;
}
