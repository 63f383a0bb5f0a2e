// Store errors as the console API answers them: another organisation's (or no) resource is 404, never 403, so ids
// are not confirmed; a state that forbids the action is 409/40902.
import { AppChangedError, AppNotFoundError, NoPreviousSecretError } from '../apps/registry';
import { ApiError, validationError } from '../http/errors';
import { BadCursorError } from './audit';
import { AlreadyMemberError, LastOwnerError, MemberNotFoundError } from './organisations';

export type ConsoleError = Error;

export function toApiError(error: Error): Error {
  if (error instanceof AppNotFoundError || error instanceof MemberNotFoundError)
    return new ApiError('NOT_FOUND', { reason: error.message });
  if (error instanceof LastOwnerError)
    return new ApiError('STATUS_CONFLICT', { message: '组织至少需要保留一名所有者', reason: error.message });
  if (error instanceof AlreadyMemberError)
    return new ApiError('STATUS_CONFLICT', { message: '该账号已是组织成员', reason: error.message });
  if (error instanceof NoPreviousSecretError)
    return new ApiError('STATUS_CONFLICT', { message: '没有可吊销的旧密钥', reason: error.message });
  if (error instanceof AppChangedError)
    return new ApiError('STATUS_CONFLICT', { message: '应用刚被修改,请重试', reason: error.message });
  if (error instanceof BadCursorError) return validationError([{ field: 'cursor', message: 'cursor 无效' }], false);
  return error;
}
