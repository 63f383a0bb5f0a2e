// The DynamoDB tables, built from shared/table.ts so CDK, DynamoDB Local and the tests agree on their shape: the
// table everything lives in, and the listing counters' table beside it.
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { countersTable, countersTableNameOf, table as definition } from '../../shared/table';

export interface StoreProps {
  /** Keep the table (and its backups) when the stack goes away: production data outlives deployments. */
  retainData: boolean;
}

export class Store extends Construct {
  readonly table: Table;
  /** The listing counters and their consumer's markers; named after `table` (countersTableNameOf), which is how
   * the functions find it from TABLE_NAME alone. */
  readonly counters: Table;
  /** Encrypts the table and its stream: ours to audit (CloudTrail) and to revoke, unlike the AWS-owned default. */
  readonly tableKey: Key;

  constructor(scope: Construct, id: string, props: StoreProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.tableKey = new Key(this, 'TableKey', {
      description: 'procure-core table and stream encryption',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType[definition.stream],
      timeToLiveAttribute: definition.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.retainData },
      deletionProtection: props.retainData,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      removalPolicy,
    });
    for (const index of definition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projectedAttributes
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }
          : { projectionType: ProjectionType.ALL }),
      });
    }
    // No stream (counter writes must not feed the table's consumers) and no indexes; the same key, backups and
    // protection as the table, since a lost counter is a wrong total until an operator recounts.
    this.counters = new Table(this, 'Counters', {
      tableName: countersTableNameOf(this.table.tableName),
      partitionKey: { name: countersTable.partitionKey, type: AttributeType.STRING },
      sortKey: { name: countersTable.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: countersTable.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.retainData },
      deletionProtection: props.retainData,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      removalPolicy,
    });
  }
}
