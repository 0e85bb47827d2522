/* Errors of the organisations module. Role errors (unknown role, last admin, permission not
   held) are the authz module's. */
import { defineError, registerErrorCodes } from '../lib/errors.js';

export const AlreadyMember = defineError('orgs', 'already_member', 409, 'This address already belongs to a member of the organisation');

registerErrorCodes('orgs', { already_member: 409 });
