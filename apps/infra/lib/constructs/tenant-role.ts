import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type IRole, PolicyDocument, PolicyStatement, Role } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

/** Props of {@link TenantRole}. */
export interface TenantRoleProps {
  /** The only principal that may assume the role: the function's execution role. */
  readonly assumedBy: IRole;
  /** The table whose items the role reaches (any `ITable`, e.g. a `Table`). */
  readonly table: Pick<ITable, "tableArn">;
  /**
   * The partition keys the role reaches, as an IAM `StringLike` pattern on
   * `dynamodb:LeadingKeys`, e.g. `USER#*`.
   */
  readonly leadingKeys: string;
  /** A description shown in the IAM console. */
  readonly description: string;
}

/**
 * The item actions a tenant's credentials may ever get. No `Scan`: it has no partition key,
 * and a `ForAllValues` condition holds for a request without leading keys, so the condition
 * would not bound it.
 */
export const TENANT_ITEM_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

/**
 * A role a function assumes per tenant (for users-api, per user), narrowing it further with a
 * session policy for that tenant's partition (`@org/aws-core/credentials`' `assumeRole`). Its
 * trust policy names only the function's execution role (`sts:AssumeRole`); its permissions
 * are the table's item actions on the partitions `leadingKeys` matches, so even the role
 * itself, with no session policy, never reaches another entity type's items. The function's
 * role is granted `sts:AssumeRole` on it.
 *
 * Only IAM enforces either policy: the local stand-ins accept any credentials.
 *
 * @example
 * ```ts
 * const tenants = new TenantRole(this, "UsersTenantRole", {
 *   assumedBy: usersFunction.role!,
 *   table,
 *   leadingKeys: "USER#*",
 *   description: "users-api: a user's own profile",
 * });
 * usersFunction.addEnvironment("TENANT_ROLE_ARN", tenants.role.roleArn);
 * ```
 */
export class TenantRole extends Construct {
  /** The role. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TenantRoleProps) {
    super(scope, id);
    this.role = new Role(this, "Role", {
      description: props.description,
      assumedBy: props.assumedBy,
      inlinePolicies: {
        TenantItems: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: TENANT_ITEM_ACTIONS,
              resources: [props.table.tableArn],
              conditions: {
                "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [props.leadingKeys] },
              },
            }),
          ],
        }),
      },
    });
    this.role.grantAssumeRole(props.assumedBy);
  }
}
