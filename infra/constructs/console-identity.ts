// Who may sign in to the partner console on AWS: a Cognito user pool (e-mail as username, no self sign-up, strong
// passwords, optional TOTP), the `operators` group, Cognito's managed login on a user-pool domain, and the console's
// public app client (authorization code; the console always sends a PKCE challenge, which Cognito then enforces).
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { OPERATORS_GROUP } from '../../shared/console/groups';

export interface ConsoleIdentityProps {
  /** Keep the pool (and its users) when the stack goes: production. */
  retain: boolean;
  /** The managed-login domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  domainPrefix: string;
}

export class ConsoleIdentity extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  private readonly scopes = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];

  constructor(scope: Construct, id: string, props: ConsoleIdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Organisations and their users are created by the platform team and by owners' invitations only.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Essentials: managed login (the newer hosted pages) and password history.
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: 'procure-core 控制台邀请 / console invitation',
        emailBody:
          '您已受邀使用 procure-core 控制台。用户名：{username}，临时密码：{####}（首次登录时需设置新密码）。<br>' +
          'You have been invited to the procure-core console. Username: {username}, temporary password: {####} ' +
          '(you will set a new one at first sign-in).',
      },
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new UserPoolGroup(this, 'Operators', {
      userPool: this.userPool,
      groupName: OPERATORS_GROUP,
      description: 'procure-core platform operators (operator pages of the console)',
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
  }

  /** The console's client: public (no secret), code flow only, redirecting to the console's own origin. */
  addConsoleClient(consoleOrigin: string): UserPoolClient {
    const client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: this.scopes,
        callbackUrls: [`${consoleOrigin}/console/callback`],
        logoutUrls: [`${consoleOrigin}/console/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });
    // Managed login shows nothing for a client without a branding style; Cognito's own look is enough.
    new CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return client;
  }

  /** What API Gateway's JWT authorizer and the console's OIDC client call the issuer. */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.amazonaws.com/${this.userPool.userPoolId}`;
  }

  /** Managed login's origin (authorize, token and logout endpoints). */
  get signInOrigin(): string {
    return this.domain.baseUrl();
  }
}
