import { AnkiConnectError } from '../errors.js';

/**
 * The kinds of sync failure Anki tells apart (rslib error/network.rs), each shown with Anki's own
 * English text, since Anki-Connect's `sync` passes the backend's message through unchanged.
 */
export type SyncErrorKind =
  | 'authFailed'
  | 'conflict'
  | 'serverError'
  | 'clientTooOld'
  | 'databaseCheckRequired'
  | 'sanityCheckFailed'
  | 'resyncRequired'
  | 'clockIncorrect'
  | 'serverMessage'
  | 'network'
  | 'timeout'
  | 'other';

const MESSAGES: Partial<Record<SyncErrorKind, string>> = {
  authFailed: 'Email or password was incorrect; please try again.',
  conflict: 'Only one copy of Anki can sync to your account at once. Please wait a few minutes, then try again.',
  serverError: 'AnkiWeb encountered a problem. Please try again in a few minutes.',
  clientTooOld: 'Your Anki version is too old. Please update to the latest version to continue syncing.',
  databaseCheckRequired:
    'Please use the Check Database function, then sync again. If problems persist, please force a one-way sync in the preferences screen.',
  sanityCheckFailed:
    'Please use the Check Database function, then sync again. If problems persist, please force a one-way sync in the preferences screen.',
  resyncRequired: 'Please sync again. If this message keeps appearing, please post on the support site.',
  clockIncorrect: 'Unable to sync - your clock is not set to the correct time.',
  network: 'A network error occurred.',
  timeout:
    'Connection timed out. Please try again. If you see frequent timeouts, please try a different network connection.',
};

/** A failed sync. `detail` (a status code, a server's text) is for logs; the message is Anki's. */
export class SyncError extends AnkiConnectError {
  constructor(
    readonly kind: SyncErrorKind,
    readonly detail = '',
  ) {
    super(MESSAGES[kind] ?? detail);
  }
}

/** The HTTP status codes Anki maps to error kinds; anything else is a plain network error. */
export function errorForStatus(status: number, body: string): SyncError {
  switch (status) {
    case 403:
      return new SyncError('authFailed', body);
    case 409:
      return new SyncError('conflict', body);
    case 400:
      return new SyncError('databaseCheckRequired', body);
    case 501:
      return new SyncError('clientTooOld', body);
    case 500:
    case 502:
    case 503:
    case 504:
      return new SyncError('serverError', body);
    default:
      return new SyncError('network', `HTTP ${status}: ${body}`);
  }
}
