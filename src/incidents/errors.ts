/* Errors of the incident workflow (IR-1). Messages are safe to show a platform operator. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The incident is not in a state that allows this step: confirm once, notify only once confirmed,
    change nothing once closed, close a confirmed incident only after its notices went out. */
export class IncidentTransition extends PalisadeError {
  readonly code = 'incident_transition' as const;
  readonly status = 409;
}

registerErrorCodes('incidents', { incident_transition: 409 });
