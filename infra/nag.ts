// cdk-nag (AwsSolutions) findings this stack accepts, each with why. Acknowledged on the stack so `cdk synth` with
// the checks enabled and the test in test/cdk agree; anything new still fails.
import { type Stack, Validations } from 'aws-cdk-lib';

export const NAG_ACKNOWLEDGEMENTS: { id: string; reason: string }[] = [
  {
    id: 'AwsSolutions::AwsSolutions-APIG4',
    reason:
      'Partners authenticate with HMAC request signatures (API reference: Authentication), verified in each signed function; health, openapi.json and the catch-all are public by design.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'AWSLambdaBasicExecutionRole only lets a function write its own CloudWatch logs; it is the minimal managed policy for Lambda.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (tracing is on for every function).',
  },
  {
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::<StoreTable0CCFA19B.Arn>/index/*]',
    reason: "Reads query the table's own GSIs; the wildcard covers only this table's indexes.",
  },
  {
    id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'Writers to the table need data keys from the table key (DynamoDB encryption with our key); scoped to that key.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
    reason:
      'Part of the DynamoDB grant for writers on the table key only (CDK grantReadWriteData); scoped to that key.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-L1',
    reason:
      'Node 22 is pinned on purpose: the bundle targets node22 and the tests run it; runtime upgrades are a deliberate change, not a synth-time drift.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason:
      'The cursor key only signs short-lived list cursors: a rotation merely invalidates open cursors (a clear 40001; the client starts again from page 1), so it is rotated by hand when needed (put-secret-value; instances read it at their next cold start) rather than by a rotation Lambda.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason: 'These queues are themselves dead-letter / on-failure queues; they are alarmed on depth instead.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG2',
    reason:
      'Console MFA is optional TOTP as the issue asks (partners enrol themselves); accounts are invitation-only with a strong password policy.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG8',
    reason:
      'The console pool is on the Essentials plan (managed login, password history); Plus threat protection is a per-user cost decision left to the operator, and there is no self sign-up to abuse.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-CFR1',
    reason:
      'Partners sign in from wherever they work; the console is authenticated and no content is licensed by region, so no geo restriction.',
  },
  {
    id: 'AwsSolutions::AwsSolutions-CFR2',
    reason:
      "A CloudFront WAF web ACL must live in us-east-1, outside this regional stack; the API keeps its stage throttling and per-app limits behind CloudFront, and sign-in is Cognito's.",
  },
  {
    id: 'AwsSolutions::AwsSolutions-CFR4',
    reason:
      "The distribution uses CloudFront's default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; a custom console domain with its own certificate would set TLSv1.2_2021.",
  },
  ...[
    'Action::s3:GetObject*',
    'Action::s3:GetBucket*',
    'Action::s3:List*',
    'Action::s3:DeleteObject*',
    'Action::s3:Abort*',
    'Resource::<ConsoleSiteBucket85EB8A4F.Arn>/*',
    'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
  ].map((finding) => ({
    id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
    reason:
      "CDK's BucketDeployment copies the console build from the CDK asset bucket into the console bucket; its grants are CDK's object-level read/write on those two buckets only.",
  })),
];

export function acknowledgeNagFindings(stack: Stack): void {
  for (const acknowledgement of NAG_ACKNOWLEDGEMENTS) Validations.of(stack).acknowledge(acknowledgement);
}
