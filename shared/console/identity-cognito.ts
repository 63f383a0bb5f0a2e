// IdentityDirectory on Cognito: AdminCreateUser with the e-mail as username; Cognito mails the temporary password.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { maskEmail, normaliseEmail } from './account-email';
import type { IdentityDirectory } from './identity-directory';

function subOf(attributes: AttributeType[] | undefined, email: string): string {
  const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error(`Cognito returned no sub for the invited user ${maskEmail(email)}`);
  return sub;
}

export function cognitoIdentityDirectory(
  userPoolId: string,
  // identityDirectory() caches the directory, so this client is made once per function instance.
  client = new CognitoIdentityProviderClient({ maxAttempts: 3 }),
): IdentityDirectory {
  return {
    async invite(rawEmail) {
      const email = normaliseEmail(rawEmail);
      try {
        const created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            // Verified because the invitation itself goes to this address; the user proves it by signing in.
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        return { sub: subOf(created.User?.Attributes, email) };
      } catch (error) {
        // Inviting someone who already has an account (another organisation, a second invite) adds a membership.
        if ((error as Error).name !== 'UsernameExistsException') throw error;
        const existing = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
        return { sub: subOf(existing.UserAttributes, email) };
      }
    },
  };
}
