// The console's AWS side: Cognito (pool, group, managed login, the public client), the JWT authorizer on exactly the
// console routes, the private bucket behind CloudFront with OAC, the API behaviours, security headers, config.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATH_PATTERNS } from '../../infra/constructs/console-site';
import { ProcureCoreStack } from '../../infra/procure-core-stack';
import { USER_POOL_ID_ENV } from '../../shared/console/identity';
import { consoleRoutes, opsRoutes, routes } from '../../shared/routes';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
type Resource = { Properties: Record<string, any> };

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let built: string;
let missing: string;

function synth(distDir: string, id = 'ProcureCore-dev') {
  const app = new App({ context: { stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
  const stack = new ProcureCoreStack(app, id, { stage: 'dev', consoleDistDir: distDir });
  return { stack, template: Template.fromStack(stack) };
}

beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), 'console-dist-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
  missing = join(tmpdir(), 'console-dist-that-does-not-exist');
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

const only = (template: Template, type: string): [string, Resource] => {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
};

describe('console identity (Cognito)', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synth(built));
  });

  it('has a pool with e-mail usernames, no self sign-up, a strong password policy and optional TOTP', () => {
    const [, pool] = only(template, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'ESSENTIALS',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'operators' });
  });

  it('offers managed login on a user-pool domain, branded for the console client', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    const [clientId] = only(template, 'AWS::Cognito::UserPoolClient');
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
  });

  it('has one public client: code flow only, redirecting to the console on the distribution', () => {
    const [, client] = only(template, 'AWS::Cognito::UserPoolClient');
    const [distributionId] = only(template, 'AWS::CloudFront::Distribution');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    const domain = { 'Fn::GetAtt': [distributionId, 'DomainName'] };
    expect(client.Properties.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', domain, '/console/callback']] }]);
    expect(client.Properties.LogoutURLs).toEqual([{ 'Fn::Join': ['', ['https://', domain, '/console/']] }]);
  });
});

describe('console routes on the HTTP API', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synth(built));
  });

  it("has one JWT authorizer whose issuer is the pool and audience the console's client", () => {
    const [, authorizer] = only(template, 'AWS::ApiGatewayV2::Authorizer');
    const [poolId] = only(template, 'AWS::Cognito::UserPool');
    const [clientId] = only(template, 'AWS::Cognito::UserPoolClient');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(poolId);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
  });

  it('puts the authorizer on every console route and on none of the partner routes or the catch-all', () => {
    const [authorizerId] = only(template, 'AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(
      (Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[]).map((r) => [
        r.Properties.RouteKey as string,
        r.Properties,
      ]),
    );
    for (const route of consoleRoutes) {
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, route.path).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
    for (const key of [...routes.map((r) => `${r.method} ${r.path}`), '$default']) {
      const props = byKey.get(key);
      expect(props, key).toBeDefined();
      expect(props?.AuthorizerId, key).toBeUndefined();
      expect(props?.AuthorizationType ?? 'NONE', key).toBe('NONE');
    }
  });

  it('puts the operator routes behind the same JWT authorizer; their functions are told the manual platforms', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'operators' });
    const [authorizerId] = only(template, 'AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(
      (Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[]).map((r) => [
        r.Properties.RouteKey as string,
        r.Properties,
      ]),
    );
    expect(opsRoutes.length).toBeGreaterThan(0);
    for (const route of opsRoutes) {
      expect(route.path.startsWith('/console/api/ops/'), route.path).toBe(true);
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, route.path).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
    const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    for (const name of ['ApiConsoleOpsQueue', 'ApiConsoleOpsRetry']) {
      const fn = Object.entries(functions).find(([id]) => id.startsWith(name));
      expect(fn, name).toBeDefined();
      expect(fn![1].Properties.Environment.Variables.FULFILMENT_ADAPTERS).toBe('TAOBAO=manual,JD=sandbox,PDD=manual');
    }
  });

  it('lets only the team invite and the operators’ organisation create make Cognito users, and tells them the pool', () => {
    const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const [poolId] = only(template, 'AWS::Cognito::UserPool');
    for (const [id, fn] of Object.entries(functions)) {
      const roleRef = fn.Properties.Role?.['Fn::GetAtt']?.[0];
      const statements = policies
        .filter((p) => p.Properties.Roles?.some((r: { Ref: string }) => r.Ref === roleRef))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
      const cognito = statements.filter((st) => JSON.stringify(st.Action).includes('cognito-idp:'));
      if (id.startsWith('ApiConsoleTeamInvite') || id.startsWith('ApiConsoleOpsOrgCreate')) {
        expect(cognito).toEqual([
          expect.objectContaining({
            Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'],
            Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
          }),
        ]);
        expect(fn.Properties.Environment.Variables[USER_POOL_ID_ENV]).toEqual({ Ref: poolId });
      } else {
        expect(cognito, id).toEqual([]);
        expect(fn.Properties.Environment?.Variables?.[USER_POOL_ID_ENV], id).toBeUndefined();
      }
    }
  });
});

describe('console site (S3 + CloudFront)', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synth(built));
  });

  it('keeps the build in a private, encrypted, TLS-only bucket readable only by the distribution (OAC)', () => {
    const buckets = template.findResources('AWS::S3::Bucket') as Record<string, Resource>;
    const siteId = Object.keys(buckets).find((id) => id.startsWith('ConsoleSiteBucket'))!;
    expect(buckets[siteId]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: expect.objectContaining({ LogFilePrefix: 'console-bucket/' }),
    });
    expect(buckets[siteId]!.Properties.WebsiteConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const [distributionId] = only(template, 'AWS::CloudFront::Distribution');
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
    const sitePolicy = policies.find((p) => p.Properties.Bucket.Ref === siteId)!;
    const statements = sitePolicy.Properties.PolicyDocument.Statement as Resource['Properties'][];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.objectContaining({ 'Fn::Join': expect.anything() }) } },
      }),
    );
    expect(JSON.stringify(statements)).toContain(distributionId);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('routes /console/api/* and /api/* to the HTTP API uncached with every viewer header but Host', () => {
    const [, distribution] = only(template, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    const behaviours = config.CacheBehaviors as Resource['Properties'][];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual([...API_PATH_PATTERNS].sort());
    const apiOrigin = (config.Origins as Resource['Properties'][]).find((o) => o.CustomOriginConfig)!;
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('ApiHttpApi');
    for (const behaviour of behaviours)
      expect(behaviour).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
        ViewerProtocolPolicy: 'https-only',
        ResponseHeadersPolicyId: expect.anything(),
      });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(behaviours[0]!.ResponseHeadersPolicyId);
    expect(config.Logging).toBeDefined();
  });

  it('sends a CSP without inline script, HSTS, frame-ancestors none, Referrer-Policy and nosniff', () => {
    const [, policy] = only(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
      ContentTypeOptions: { Override: true },
    });
  });

  it('routes client-side console paths to index.html and the bare origin to /console/ (CloudFront Function)', () => {
    const [, fn] = only(template, 'AWS::CloudFront::Function');
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: unknown) => {
      uri?: string;
      statusCode?: number;
      headers?: { location: { value: string } };
    };
    const run = (uri: string) => handler({ request: { uri } });
    expect(run('/console/').uri).toBe('/console/index.html');
    expect(run('/console/apps/app_1/intents').uri).toBe('/console/index.html');
    expect(run('/console/assets/index-abc123.js').uri).toBe('/console/assets/index-abc123.js');
    expect(run('/console/config.json').uri).toBe('/console/config.json');
    expect(run('/').headers?.location.value).toBe('/console/');
    expect(run('/console').statusCode).toBe(302);
  });

  it('deploys the build and a config.json naming the pool, the client and the managed-login logout', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment') as Record<string, Resource>;
    expect(Object.keys(deployments)).toHaveLength(2);
    for (const d of Object.values(deployments)) expect(d.Properties.DestinationBucketKeyPrefix).toBe('console/');
    const entry = Object.entries(deployments).find(([id]) => id.includes('EntryPoints'))![1];
    const markers = JSON.stringify(entry.Properties.SourceMarkers);
    const [clientId] = only(template, 'AWS::Cognito::UserPoolClient');
    const [poolId] = only(template, 'AWS::Cognito::UserPool');
    expect(markers).toContain(clientId);
    expect(markers).toContain(poolId);
    expect(entry.Properties.SystemMetadata).toMatchObject({ 'cache-control': 'no-cache' });
    template.hasOutput('ConsoleUrl', Match.anyValue());
    template.hasOutput('ConsoleUserPoolId', { Value: { Ref: poolId } });
    template.hasOutput('ConsoleUserPoolClientId', { Value: { Ref: clientId } });
  });

  it('synthesizes without a build: config.json only, and a warning saying how to build', () => {
    const { stack, template: bare } = synth(missing, 'ProcureCore-nobuild');
    expect(Object.keys(bare.findResources('Custom::CDKBucketDeployment'))).toHaveLength(1);
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('npm run build:console'));
  });
});
