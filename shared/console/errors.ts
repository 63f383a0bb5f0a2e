// Store errors as the console API answers them: another organisation's (or no) resource is 404, never 403, so ids
// are not confirmed; a state that forbids the action is 409/40902.
import { AppChangedError, AppNotFoundError, NoPreviousSecretError } from '../apps/registry';
import { ApiError, validationError } from '../http/errors';
import { CONSOLE_MESSAGES, MESSAGES } from '../http/messages';
import { BadCursorError } from './audit';
import { AlreadyMemberError, LastOwnerError, MemberNotFoundError } from './organisations';

export type ConsoleError = Error;

export function toApiError(error: Error): Error {
  if (error instanceof AppNotFoundError || error instanceof MemberNotFoundError)
    return new ApiError('NOT_FOUND', { reason: error.message });
  if (error instanceof LastOwnerError)
    return new ApiError('STATUS_CONFLICT', { message: MESSAGES.lastOwner, reason: error.message });
  if (error instanceof AlreadyMemberError)
    return new ApiError('STATUS_CONFLICT', { message: MESSAGES.alreadyMember, reason: error.message });
  if (error instanceof NoPreviousSecretError)
    return new ApiError('STATUS_CONFLICT', { message: MESSAGES.noPreviousSecret, reason: error.message });
  if (error instanceof AppChangedError)
    return new ApiError('STATUS_CONFLICT', { message: MESSAGES.appChanged, reason: error.message });
  if (error instanceof BadCursorError)
    return validationError([{ field: 'cursor', message: CONSOLE_MESSAGES.cursor }], false);
  return error;
}
