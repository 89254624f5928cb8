import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /**
   * What happens to the table (and its data) when it leaves the stack.
   * @defaultValue `RemovalPolicy.RETAIN`
   */
  readonly removalPolicy?: RemovalPolicy | undefined;
}

/**
 * The single DynamoDB table both apps share (single-table design): `PK`/`SK` string keys,
 * on-demand billing, items expire through their `ttl` attribute (epoch seconds), and
 * point-in-time recovery is on.
 */
export class DataTable extends Construct {
  /** The table; grant access with `table.grantReadWriteData(fn)`. */
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: "PK", type: AttributeType.STRING },
      sortKey: { name: "SK", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: "ttl",
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
