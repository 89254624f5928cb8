import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  CfnUserPoolGroup,
  UserPool,
  type UserPoolClient,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";

/** Props of {@link UserAuth}. */
export interface UserAuthProps {
  /**
   * What happens to the user pool (and its users) when it leaves the stack.
   * @defaultValue `RemovalPolicy.RETAIN`
   */
  readonly removalPolicy?: RemovalPolicy | undefined;
  /**
   * The group whose members may read every user's profile in users-api.
   * @defaultValue `"admins"`
   */
  readonly adminGroupName?: string | undefined;
}

/**
 * The Cognito user pool the API's users sign in to, and the app client they sign in with.
 *
 * Users are created by an administrator (no self sign-up) and sign in with their username or
 * email address. The client has no secret (it is for browsers and CLIs) and allows the
 * `USER_PASSWORD_AUTH` and SRP flows; the hosted-UI OAuth flows are off.
 */
export class UserAuth extends Construct {
  /** The user pool; its id is `COGNITO_USER_POOL_ID` in the functions. */
  readonly userPool: UserPool;
  /** The app client; its id is the audience the JWT authorizer accepts (`COGNITO_CLIENT_ID`). */
  readonly userPoolClient: UserPoolClient;
  /** The admin group's name (`ADMIN_GROUP` in users-api). */
  readonly adminGroupName: string;

  constructor(scope: Construct, id: string, props: UserAuthProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.userPoolClient = this.userPool.addClient("Client", {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
    });
    this.adminGroupName = props.adminGroupName ?? "admins";
    new CfnUserPoolGroup(this, "AdminGroup", {
      userPoolId: this.userPool.userPoolId,
      groupName: this.adminGroupName,
      description: "May read every user's profile",
    });
  }
}
