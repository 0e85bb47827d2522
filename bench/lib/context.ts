/* What every workload gets from the orchestrator. */
import type { Plan } from './measure.js';
import type { Server } from './proc.js';
import type { BetterAuthFixture } from './better-auth.js';
import type { PalisadeTemplate } from './palisade.js';
import type { Row } from './report.js';
import type { BenchUser } from './users.js';

export interface Ctx {
  plan: Plan;
  smoke: boolean;
  tmp: string;
  superUrl: string;
  log: (m: string) => void;
  users: BenchUser[];
  template: PalisadeTemplate;
  /** Palisade on the main bench database, or why it could not start. */
  palisade: Server | null;
  palisadeDbUrl: string;
  palisadeRoutes: Set<string>;
  palisadeSkip: string | null;
  rawRls: Server;
  betterAuth: BetterAuthFixture | null;
  betterAuthSkip: string | null;
}

export type Workload = (ctx: Ctx) => Promise<Row[]>;

/** Sign-in request bodies rotating over the bench accounts (the same on every side). */
export function signInBodies(users: BenchUser[]): string[] {
  return users.map((u) => JSON.stringify({ email: u.email, password: u.password }));
}
