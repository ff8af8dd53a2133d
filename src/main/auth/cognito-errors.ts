import { AppError } from '../../shared/result';

export type AuthStep = 'signIn' | 'newPassword' | 'forgotPassword' | 'confirmForgotPassword' | 'refresh' | 'verify';

const WRONG_CREDENTIALS = 'Incorrect email or password.';

export const DISABLED_MESSAGE = 'This account has been disabled. Ask your manager to enable it again.';

function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; name?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (typeof e.name === 'string') return e.name;
  }
  return '';
}

function isNetworkError(error: unknown): boolean {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  return name === 'NetworkError' || /network error|fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/i.test(message);
}

/**
 * Turns a Cognito failure into words a barista understands. Real Cognito answers a wrong password
 * with NotAuthorizedException; cognito-local with InvalidPasswordException; an unknown email may be
 * UserNotFoundException: all three read the same, so the screen never tells which emails exist.
 */
export function cognitoError(error: unknown, step: AuthStep): AppError {
  if (error instanceof AppError) return error;
  if (isNetworkError(error)) {
    return new AppError('OFFLINE', 'Can’t reach the sign-in service. Check the internet connection and try again.');
  }
  const name = errorName(error);
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      // Cognito says so only after the password was right, so it tells nothing about other emails.
      if (name === 'NotAuthorizedException' && /user is disabled/i.test(String((error as { message?: unknown }).message ?? ''))) {
        return new AppError('UNAUTHENTICATED', DISABLED_MESSAGE);
      }
      if (step === 'refresh') return new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
      if (step === 'confirmForgotPassword' || step === 'forgotPassword') {
        return new AppError('VALIDATION', 'That account can’t reset its password here. Ask your manager.');
      }
      return new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    case 'InvalidPasswordException':
      if (step === 'signIn' || step === 'verify') return new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
      return new AppError('VALIDATION', 'That new password doesn’t meet the password rules.');
    case 'PasswordResetRequiredException':
      return new AppError('UNAUTHENTICATED', 'This account needs a new password. Use “Forgot password?” to set one.');
    case 'UserNotConfirmedException':
      return new AppError('UNAUTHENTICATED', 'This account’s email address isn’t verified yet. Ask your manager.');
    case 'CodeMismatchException':
      return new AppError('VALIDATION', 'That code isn’t right. Check the email and type it again.');
    case 'ExpiredCodeException':
      return new AppError('VALIDATION', 'That code has expired. Ask for a new one.');
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return new AppError('RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.');
    default:
      return new AppError('INTERNAL', 'Sign-in failed unexpectedly. Try again; if it keeps happening, tell your manager.');
  }
}
