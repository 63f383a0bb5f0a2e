// The one DynamoDB table, built from shared/table.ts so CDK, DynamoDB Local and the tests agree on its shape.
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
import { table as definition } from '../../shared/table';

export interface StoreProps {
  /** Keep the table (and its backups) when the stack goes away: production data outlives deployments. */
  retainData: boolean;
}

export class Store extends Construct {
  readonly table: Table;
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
  }
}
