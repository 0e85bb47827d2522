/* Errors of the organisations module. Role errors (unknown role, last admin, permission not
   held) are the authz module's. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

export class AlreadyMember extends PalisadeError {
  readonly code = 'already_member' as const;
  readonly status = 409;
  constructor() {
    super('This address already belongs to a member of the organisation');
  }
}

registerErrorCodes('orgs', { already_member: 409 });
