/* Plans and their entitlements are operator configuration (issue 12): a product embedding
   Palisade has its own plans. This file holds what the code can switch per plan — the feature
   names the permission catalog (src/authz/catalog.ts) attaches to permissions — and the schema
   of PALISADE_PLANS. Which plans exist, what each entitles and which plan a new organisation
   gets are the operator's choice; today's three are the default. Claim RBAC-3. */
import { z } from 'zod';

/** Plan entitlements: named features an organisation's plan switches on (authorization layer 4). */
export const FEATURES = ['custom_roles', 'resource_roles', 'policy_toggles'] as const;
export type Feature = (typeof FEATURES)[number];

/** A plan name as stored in orgs.plan (migration 0060 checks the same pattern). */
export const PLAN_NAME = /^[a-z][a-z0-9_-]{0,49}$/;

/** Plan name → the features it entitles. */
export type Plans = Readonly<Record<string, readonly Feature[]>>;

export const DEFAULT_PLANS = {
  free: [],
  team: ['custom_roles', 'resource_roles'],
  enterprise: ['custom_roles', 'resource_roles', 'policy_toggles'],
} as const satisfies Plans;

/** The plan a new organisation gets unless PALISADE_DEFAULT_PLAN says otherwise: `team`, so the
    admin of a fresh organisation can create custom roles and share single resources; policy
    toggles stay an `enterprise` feature. */
export const DEFAULT_NEW_ORG_PLAN = 'team';

/** PALISADE_PLANS: a JSON object of plan name → array of feature names. */
export const plansSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON (a JSON object of plan name → array of features)' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string(), z.array(z.enum(FEATURES, { message: `features are ${FEATURES.join(', ')}` })).max(FEATURES.length))
      .refine((plans) => Object.keys(plans).every((name) => PLAN_NAME.test(name)), 'plan names are lower-case letters, digits, _ and - (at most 50, starting with a letter)')
      .refine((plans) => Object.keys(plans).length > 0, 'at least one plan')
      .refine((plans) => Object.keys(plans).length <= 100, 'at most 100 plans')
      .transform((plans) => Object.fromEntries(Object.entries(plans).map(([name, features]) => [name, [...new Set(features)]])) as Plans),
  );
