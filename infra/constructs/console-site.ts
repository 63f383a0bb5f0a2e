// The console on AWS: its build in a private bucket behind CloudFront (origin access control), the API on the same
// origin (`/console/api/*` and `/api/*` go to the HTTP API uncached, every viewer header but Host forwarded, so
// bearer tokens and HMAC signatures arrive intact), security headers on every answer, and config.json written at
// deploy time with the user pool's values.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './handler-function';

/** Where console-web's `npm run build:console` writes the app. */
export const CONSOLE_DIST = join(PROJECT_ROOT, 'console', 'dist');
/** Paths CloudFront sends to the HTTP API instead of the bucket. */
export const API_PATH_PATTERNS = ['/console/api/*', '/api/*'];

/** The console's routes are client-side: any extensionless path under /console/ loads the app's index.html. */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (uri.indexOf('/console/') === 0 && last.indexOf('.') === -1) request.uri = '/console/index.html';
  return request;
}`;

export interface ConsoleSiteProps {
  retain: boolean;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, the HTTP API's default endpoint. */
  apiEndpoint: string;
  /** The Cognito issuer and managed-login origin the browser talks to (CSP connect-src / frame-src). */
  issuer: string;
  signInOrigin: string;
  /** Overridable for tests; defaults to console/dist. */
  distDir?: string;
}

export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  private readonly distDir: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.distDir = props.distDir ?? CONSOLE_DIST;
    // CloudFront's standard logs need ACLs (object writer); the site bucket's access logs go here too.
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.retain ? 365 : 30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: props.retain,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'console-bucket/',
      // A build is reproducible: dev stacks take theirs with them.
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retain,
    });

    const region = Stack.of(this).region;
    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'procure-core console: CSP without inline script, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // Ant Design writes its CSS-in-JS into <style> elements; no script runs inline.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            `connect-src 'self' https://cognito-idp.${region}.amazonaws.com ${props.signInOrigin}`,
            `frame-src ${props.signInOrigin}`,
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
        },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN },
        contentTypeOptions: { override: true },
      },
    });

    const api = new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const apiBehaviour = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Host must be the API's own; everything else (Authorization, X-App-Id, X-Signature, X-Timestamp…) passes.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.headers,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'procure-core console and API',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaRouting', {
              code: FunctionCode.fromInline(SPA_ROUTING),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'console client-side routes load index.html; / goes to /console/',
            }),
          },
        ],
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, apiBehaviour])),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
  }

  /** `https://<distribution>`: the console's (and the browser's API's) one origin. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the build (when there is one) and the deployment's config.json under /console/. */
  deploy(config: Record<string, unknown>): boolean {
    const built = existsSync(join(this.distDir, 'index.html'));
    const common = {
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'console/',
      distribution: this.distribution,
      // Old hashed assets stay for pages loaded before the deploy.
      prune: false,
      memoryLimit: 512,
    };
    if (built) {
      new BucketDeployment(this, 'Assets', {
        ...common,
        sources: [Source.asset(this.distDir, { exclude: ['index.html', 'config.json'] })],
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        distributionPaths: ['/console/assets/*'],
      });
    } else
      Annotations.of(this).addWarningV2(
        'procure-core:console-not-built',
        `${this.distDir} has no index.html: only config.json is deployed. Run \`npm run build:console\` before \`cdk deploy\`.`,
      );
    new BucketDeployment(this, 'EntryPoints', {
      ...common,
      sources: [
        ...(built ? [Source.asset(this.distDir, { exclude: ['*', '!index.html'] })] : []),
        Source.jsonData('config.json', config),
      ],
      // index.html and config.json name everything else; browsers must always ask for fresh ones.
      cacheControl: [CacheControl.fromString('no-cache')],
      distributionPaths: ['/console/*'],
    });
    return built;
  }
}
