/* Generated from /openapi.json by openapi-typescript (npm run console:client). Do not edit:
   test/console/openapi-client.test.ts fails when this file is stale. */
export interface paths {
    "/.well-known/security.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 9116 security.txt from configuration (text/plain); refused once expired (IR-2) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database reachable and migrated */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trust": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trust page (text/html): every claim with its status, evidence, live check or declaration */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trust.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trust report as JSON (the data of /trust) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The trust report: every claim with its status and the evidence, live check or declaration behind it (docs/trust.md) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims: {
                                check: {
                                    detail: string;
                                    inForce: boolean;
                                } | null;
                                declaration: {
                                    category: string;
                                    claimId: string | null;
                                    dated: string;
                                    declaredAt: string;
                                    detail: string;
                                    id: string;
                                    lapsed: boolean;
                                    title: string;
                                    url: string | null;
                                    validUntil: string | null;
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "verified" | "configured" | "declared";
                                /** @enum {string} */
                                status: "verified" | "not_yet" | "in_force" | "not_in_force" | "declared" | "not_declared";
                                summary: string;
                                tests: {
                                    name: string;
                                    passed: boolean;
                                }[];
                            }[];
                            counts: {
                                [key: string]: number;
                            };
                            declarations: {
                                category: string;
                                claimId: string | null;
                                dated: string;
                                declaredAt: string;
                                detail: string;
                                id: string;
                                lapsed: boolean;
                                title: string;
                                url: string | null;
                                validUntil: string | null;
                            }[];
                            evidence: {
                                file: string | null;
                                finishedAt: string | null;
                                /** @enum {string} */
                                state: "bound" | "missing" | "tampered" | "source_differs";
                                summary: string;
                            };
                            generatedAt: string;
                            residency: string | null;
                            security: {
                                acknowledgementDays: number;
                                contact: string[];
                                expires: string | null;
                                policy: string | null;
                                published: boolean;
                                url: string;
                                warning: string | null;
                            };
                            source: {
                                files: number;
                                hash: string;
                            };
                            subprocessors: {
                                location: string;
                                name: string;
                                purpose: string;
                            }[] | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agent/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An agent reports a security event; the request must carry an RFC 9421 Ed25519 signature (keyid = agent id) covering @method, @path and content-digest, with created (≤ 5 min) and a fresh nonce */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The event exactly as the sender signed it (raw bytes are verified before parsing) */
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                            agentId: string;
                            eventId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verifier-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checkpoint verifier key (C2SP signed-note vkey: name+hash+base64key), text/plain */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verifier-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every checkpoint verifier key, with when it was active (old checkpoints verify with retired keys) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                retiredAt: string | null;
                                verifierKey: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys of session tokens (JWK Set), for backends that verify sessions themselves */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The second step a sign-in is waiting for, and the CSRF token to send with it
         * @description For a browser that arrives from single sign-on: the callback is a redirect and carries no body, so the page asks here. Needs the pending session cookie; 401 without one.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            /** @enum {string} */
                            step: "mfa" | "mfa_enrol";
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a sign-in that answered next: "mfa", with an authenticator code or a recovery code
         * @description Needs the pending session cookie set by POST /v1/auth/sign-in. Rate limited; wrong codes lock the second step.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    } | {
                        recoveryCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The options for navigator.credentials.get(): passwordless sign-in, the second step of a sign-in, or step-up
         * @description Without a session: passwordless sign-in with a discoverable passkey; the challenge is bound to this browser by an HttpOnly cookie. With the pending session of a sign-in that answered next: "mfa": its second step, for that user's passkeys. With a signed-in session: step-up. The challenge answers once, within five minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                challenge: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/passkey/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer the challenge of POST /v1/auth/passkey/options with the browser's assertion: signs in, finishes the second step, or steps up
         * @description The same session (or, without one, the same browser) that asked for the options must answer. Signing in sets the session cookie. Rate limited.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        response: {
                            /** @enum {string} */
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @description Client extension results (open) */
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            rawId: string;
                            response: {
                                authenticatorData: string;
                                clientDataJSON: string;
                                signature: string;
                                userHandle?: string | null;
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken?: string;
                            /** @enum {string} */
                            mode: "sign_in" | "second_factor" | "step_up";
                            userId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (needs the current one and a recent authentication); revokes the other sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password-reset link (answers 202 whether or not the address is registered) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "check_email";
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the token from the emailed link; revokes every session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            /** @enum {string} */
                            next?: "mfa" | "mfa_enrol";
                            user: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke this session and clear its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (answers 202 whether or not the address is registered) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "check_email";
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity provider sends the browser back: finishes the sign-in and redirects to the console */
        get: {
            parameters: {
                query?: {
                    code?: string;
                    error?: string;
                    error_description?: string;
                    iss?: string;
                    session_state?: string;
                    state?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sso/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start single sign-on for an address in an organisation's verified domain: redirects to the identity provider */
        get: {
            parameters: {
                query: {
                    email: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description Default Response */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/step-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm who you are before a sensitive action: a second factor if you have one, else your password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    } | {
                        recoveryCode: string;
                    } | {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spend the unlock link of a lockout mail: this browser becomes a known device of the account and may sign in while the lock holds for other browsers; sets the device cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an address with the token from the emailed link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dev/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Not in production: mail that could not be sent (no SMTP_URL), for one address, newest first; from this machine only unless PALISADE_DEV_MODE=1. `wait` long-polls until a message arrives. */
        get: {
            parameters: {
                query: {
                    after?: string;
                    limit?: number;
                    to: string;
                    wait?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                subject: string;
                                text: string;
                                to: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe webhook endpoint: verified with the Stripe-Signature header over the raw body, each event id processed exactly once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The event exactly as the sender signed it (raw bytes are verified before parsing) */
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description true: this event id was already recorded; nothing was done again */
                            duplicate: boolean;
                            eventId: string;
                            outcome: ("applied" | "ignored" | "unmatched" | "stale") | null;
                            /** @enum {boolean} */
                            received: true;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Providers that can be connected, and the minimal scopes each credential needs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                credentialFormat: string;
                                description: string;
                                /** @enum {string} */
                                id: "stripe" | "webhook_url" | "smtp" | "sms";
                                name: string;
                                scopes: {
                                    description: string;
                                    name: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation (signed-in user whose address it names) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orgId: string;
                            roles: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, memberships, active organisation and CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activeOrgId: string | null;
                            csrfToken: string;
                            memberships: {
                                name: string;
                                orgId: string;
                                roles: string[];
                            }[];
                            user: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/active-org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Switch the active organisation of this session (404 unless a member) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orgId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export everything Palisade holds about me: prepared in the background, then downloadable once (GET /v1/me/exports/{exportId} gives the link) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            download: {
                                expiresAt: string;
                                url: string;
                            } | null;
                            downloadedAt: string | null;
                            expiresAt: string;
                            id: string;
                            readyAt: string | null;
                            records: number | null;
                            /** @enum {string} */
                            scope: "self" | "organisation";
                            sha256: string | null;
                            size: number | null;
                            /** @enum {string} */
                            status: "pending" | "ready" | "downloaded" | "failed";
                            subject: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/exports/{exportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my exports: its status and, while it waits, a one-time download link valid 5 minutes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            download: {
                                expiresAt: string;
                                url: string;
                            } | null;
                            downloadedAt: string | null;
                            expiresAt: string;
                            id: string;
                            readyAt: string | null;
                            records: number | null;
                            /** @enum {string} */
                            scope: "self" | "organisation";
                            sha256: string | null;
                            size: number | null;
                            /** @enum {string} */
                            status: "pending" | "ready" | "downloaded" | "failed";
                            subject: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My second factors: authenticator app, recovery codes left, whether an organisation requires MFA */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passkeys: number;
                            recoveryCodesLeft: number;
                            requiredByOrg: boolean;
                            totp: {
                                enabled: boolean;
                                pending: boolean;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new set of ten recovery codes (the old set stops working); needs a recent authentication */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recoveryCodes: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start setting up an authenticator app: the secret, its otpauth:// URI and a QR code (SVG); confirm with a first code
         * @description Accepts a signed-in session, or the pending session of a sign-in that answered next: "mfa_enrol".
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otpauthUri: string;
                            qrSvg: string;
                            secret: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /** Remove the authenticator app (and its recovery codes); needs a recent authentication */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the authenticator app with a first code; answers the ten recovery codes (shown once)
         * @description For a pending "mfa_enrol" sign-in this also finishes the sign-in: the session cookie is replaced by a usable one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken?: string;
                            recoveryCodes: string[];
                            user?: {
                                email: string;
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My passkeys */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                aaguid: string;
                                backedUp: boolean;
                                createdAt: string;
                                /** @enum {string} */
                                deviceType: "singleDevice" | "multiDevice";
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                transports: string[];
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Finish registering a passkey with the browser's answer; the first second factor also answers ten recovery codes (shown once)
         * @description For a pending "mfa_enrol" sign-in this also finishes the sign-in: the session cookie is replaced by a usable one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        response: {
                            /** @enum {string} */
                            authenticatorAttachment?: "platform" | "cross-platform";
                            /** @description Client extension results (open) */
                            clientExtensionResults: {
                                [key: string]: unknown;
                            };
                            id: string;
                            rawId: string;
                            response: {
                                attestationObject: string;
                                authenticatorData?: string;
                                clientDataJSON: string;
                                publicKey?: string;
                                publicKeyAlgorithm?: number;
                                transports?: ("ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb")[];
                            };
                            /** @enum {string} */
                            type: "public-key";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken?: string;
                            passkey: {
                                aaguid: string;
                                backedUp: boolean;
                                createdAt: string;
                                /** @enum {string} */
                                deviceType: "singleDevice" | "multiDevice";
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                transports: string[];
                            };
                            /** @description Ten recovery codes, shown once, when this passkey is your first second factor */
                            recoveryCodes?: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/passkeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a passkey; needs a recent authentication. Refused for the last factor of a member of an organisation that requires MFA */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a passkey; needs a recent authentication */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aaguid: string;
                            backedUp: boolean;
                            createdAt: string;
                            /** @enum {string} */
                            deviceType: "singleDevice" | "multiDevice";
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            transports: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/me/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start registering a passkey: the options for navigator.credentials.create() (a discoverable credential with user verification); needs a recent authentication
         * @description Accepts a signed-in session, or the pending session of a sign-in that answered next: "mfa_enrol". The challenge is bound to this session and answers once, within five minutes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            options: {
                                challenge: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/privacy-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My data-subject requests, newest first, with their deadlines and status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                closedAt: string | null;
                                createdAt: string;
                                details: string | null;
                                dueAt: string;
                                id: string;
                                resolution: string | null;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "completed" | "rejected";
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * File a data-subject request about me (access, rectification, erasure, restriction, objection, consent withdrawal), due within 30 days
         * @description An erasure is carried out by the erasure job before its deadline and refused up front (409 erasure_last_admin) while I am the only admin of an organisation.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        details?: string;
                        /** @enum {string} */
                        type: "access" | "rectification" | "erasure" | "restriction" | "objection" | "consent_withdrawal";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            createdAt: string;
                            details: string | null;
                            dueAt: string;
                            id: string;
                            resolution: string | null;
                            /** @enum {string} */
                            status: "open" | "in_progress" | "completed" | "rejected";
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My live sessions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                activeOrgId: string | null;
                                createdAt: string;
                                current: boolean;
                                expiresAt: string;
                                id: string;
                                ip: string | null;
                                lastSeenAt: string;
                                userAgent: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke all my sessions except this one */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of my sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active organisation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            plan: string;
                            settings: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename the organisation or change its settings (sessionIdleTimeoutSeconds: null removes the policy) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        settings?: {
                            sessionIdleTimeoutSeconds?: number | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            plan: string;
                            settings: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organisation's agents */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                lastSeenAt: string | null;
                                name: string;
                                publicKey: string;
                                revokedAt: string | null;
                                /** @enum {string} */
                                status: "active" | "revoked";
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register an agent (a plugin, a worker) with its Ed25519 public key; its id is the keyid of its signatures */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description Ed25519 public key: its 32 raw bytes in base64 or base64url, or an SPKI PEM */
                        publicKey: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            lastSeenAt: string | null;
                            name: string;
                            publicKey: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            status: "active" | "revoked";
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an agent: its next request is refused */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    agentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            lastSeenAt: string | null;
                            name: string;
                            publicKey: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            status: "active" | "revoked";
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/ai/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a prompt to the configured AI provider: the only way Palisade talks to one. Refused without consent; credentials, secrets, card and bank numbers and people's data are removed first, and the reply says what was removed (categories and counts, never values)
         * @description 403 ai_consent_required without consent; 403 ai_minor_data_refused when `about` names a minor without policy and consent; 404 ai_not_configured without a provider; 429 rate_limited (per user, with Retry-After); 503 ai_provider_unavailable when the provider is down, slow (past PALISADE_AI_TIMEOUT_MS) or answers an error.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        about?: string[];
                        maxTokens?: number;
                        prompt: string;
                        system?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            model: string;
                            redactions: {
                                categories: {
                                    [key: string]: number;
                                };
                                total: number;
                            };
                            text: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/ai/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether AI features are on for the organisation, under which policy version, and the consent ledger (newest first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            history: {
                                /** @enum {string} */
                                action: "granted" | "withdrawn";
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                /** @enum {string} */
                                flow: "ai" | "ai_minor_data";
                                id: string;
                                policyVersion: string | null;
                                recordedAt: string;
                                subject: string | null;
                            }[];
                            minorData: boolean;
                            policyVersion: string | null;
                            since: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /** Turn AI features on: records the consent (time, actor, policy version) in the append-only ledger (admins only; audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        policyVersion: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            history: {
                                /** @enum {string} */
                                action: "granted" | "withdrawn";
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                /** @enum {string} */
                                flow: "ai" | "ai_minor_data";
                                id: string;
                                policyVersion: string | null;
                                recordedAt: string;
                                subject: string | null;
                            }[];
                            minorData: boolean;
                            policyVersion: string | null;
                            since: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Withdraw the consent: AI features are off from the next call on (admins only; audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            history: {
                                /** @enum {string} */
                                action: "granted" | "withdrawn";
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                /** @enum {string} */
                                flow: "ai" | "ai_minor_data";
                                id: string;
                                policyVersion: string | null;
                                recordedAt: string;
                                subject: string | null;
                            }[];
                            minorData: boolean;
                            policyVersion: string | null;
                            since: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/ai/minors/{userId}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Record the consent (e.g. a guardian's) for a minor member's data to reach the AI provider, with its policy version (admins only; audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        policyVersion: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aiConsent: {
                                policyVersion: string;
                                recordedAt: string;
                            } | null;
                            markedAt: string;
                            markedBy: string | null;
                            userId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Withdraw a minor's consent: their data no longer reaches the AI provider (admins only; audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aiConsent: {
                                policyVersion: string;
                                recordedAt: string;
                            } | null;
                            markedAt: string;
                            markedBy: string | null;
                            userId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/ai/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The organisation's AI policy: may data about minors reach the AI provider at all (off by default; each minor also needs a recorded consent) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        minorData: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            history: {
                                /** @enum {string} */
                                action: "granted" | "withdrawn";
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                /** @enum {string} */
                                flow: "ai" | "ai_minor_data";
                                id: string;
                                policyVersion: string | null;
                                recordedAt: string;
                                subject: string | null;
                            }[];
                            minorData: boolean;
                            policyVersion: string | null;
                            since: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anomaly alerts raised for the organisation, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    detector?: string;
                    limit?: number;
                    status?: "open" | "acknowledged" | "resolved";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                details: {
                                    [key: string]: unknown;
                                };
                                detector: string;
                                eventIds: string[];
                                id: string;
                                notifiedAt: string | null;
                                raisedAt: string;
                                severity: string;
                                status: string;
                                statusChangedAt: string | null;
                                statusChangedBy: string | null;
                                subject: string;
                                summary: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Acknowledge or resolve an alert */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "open" | "acknowledged" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: unknown;
                            };
                            detector: string;
                            eventIds: string[];
                            id: string;
                            notifiedAt: string | null;
                            raisedAt: string;
                            severity: string;
                            status: string;
                            statusChangedAt: string | null;
                            statusChangedBy: string | null;
                            subject: string;
                            summary: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys of the organisation (never the key itself) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allowedIps: string[] | null;
                                createdAt: string;
                                createdBy: string;
                                expiresAt: string | null;
                                hint: string;
                                id: string;
                                lastUsedAt: string | null;
                                lastUsedIp: string | null;
                                name: string;
                                revokedAt: string | null;
                                scopes: string[];
                                /** @enum {string} */
                                status: "active" | "expired" | "revoked";
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a restricted API key; the key is in this response only
         * @description Scopes are catalog permission names you hold, e.g. ["members:read"]. Key-scopable: org:read, org:write, members:read, members:write, invitations:read, invitations:write, sessions:revoke, sso:read, sso:write, roles:read, roles:write, policies:read, policies:write, api_keys:read, api_keys:write, collections:read, collections:write, collections:share, audit:read, audit:export, alerts:read, alerts:write, integrations:read, integrations:write, webhooks:read, webhooks:write, agents:read, agents:write, privacy:export, privacy:erase, ai:use, ai:manage, minors:write except api_keys:write.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedIps?: string[];
                        /** Format: date-time */
                        expiresAt?: string;
                        name: string;
                        scopes: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: {
                                allowedIps: string[] | null;
                                createdAt: string;
                                createdBy: string;
                                expiresAt: string | null;
                                hint: string;
                                id: string;
                                lastUsedAt: string | null;
                                lastUsedIp: string | null;
                                name: string;
                                revokedAt: string | null;
                                scopes: string[];
                                /** @enum {string} */
                                status: "active" | "expired" | "revoked";
                            };
                            key: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key, effective on every node from the next request */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every signed checkpoint, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                checkpoint: string;
                                createdAt: string;
                                rootHash: string;
                                treeSize: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/checkpoints/{treeSize}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed checkpoint at one tree size (text/plain) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    treeSize: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/checkpoints/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (C2SP tlog-checkpoint signed note, text/plain) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consistency proof (RFC 9162 §2.1.4) between two tree sizes */
        get: {
            parameters: {
                query: {
                    from: number;
                    to: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: number;
                            proof: string[];
                            to: number;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit records of the organisation, newest first, filtered and paginated */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actionPrefix?: string;
                    actorId?: string;
                    actorType?: "user" | "api_key" | "system" | "super_admin" | "anonymous" | "agent";
                    cursor?: string;
                    from?: string;
                    limit?: number;
                    outcome?: "allowed" | "denied" | "failed";
                    targetId?: string;
                    targetType?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                denyLayer: string | null;
                                id: string;
                                leafIndex: number | null;
                                metadata: {
                                    [key: string]: unknown;
                                };
                                occurredAt: string;
                                orgId: string;
                                outcome: string;
                                reason: string | null;
                                source: {
                                    ip: string | null;
                                    requestId: string | null;
                                    userAgent: string | null;
                                };
                                target: {
                                    id: string | null;
                                    type: string | null;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/events/{id}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inclusion proof (RFC 9162 §2.1.3) of one record against a signed checkpoint */
        get: {
            parameters: {
                query?: {
                    treeSize?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auditPath: string[];
                            checkpoint: string;
                            leaf: string;
                            leafIndex: number;
                            record: {
                                action: string;
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                denyLayer: string | null;
                                id: string;
                                metadata: {
                                    [key: string]: unknown;
                                };
                                occurredAt: string;
                                orgId: string;
                                outcome: string;
                                reason: string | null;
                                source: {
                                    ip: string | null;
                                    requestId: string | null;
                                    userAgent: string | null;
                                };
                                target: {
                                    id: string | null;
                                    type: string | null;
                                } | null;
                            };
                            treeSize: number;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** JSON Lines: the latest checkpoint, then every sealed record with its inclusion proof */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actionPrefix?: string;
                    actorId?: string;
                    actorType?: "user" | "api_key" | "system" | "super_admin" | "anonymous" | "agent";
                    from?: string;
                    outcome?: "allowed" | "denied" | "failed";
                    targetId?: string;
                    targetType?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": string;
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/auth-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's authentication policy (requireMfa) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requireMfa: boolean;
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /** Require a second factor of every member (audited); needs a recent authentication */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        requireMfa: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requireMfa: boolean;
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected integrations: name, provider, fingerprint, last 4, scopes — never the credential */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                fingerprint: string;
                                id: string;
                                last4: string | null;
                                name: string;
                                provider: string;
                                rotatedAt: string | null;
                                scopes: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect a credential (write-only: the reply and every later read carry only metadata) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        credential: string;
                        name: string;
                        /** @enum {string} */
                        provider: "stripe" | "webhook_url" | "smtp" | "sms";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            fingerprint: string;
                            id: string;
                            last4: string | null;
                            name: string;
                            provider: string;
                            rotatedAt: string | null;
                            scopes: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Disconnect: deletes the stored ciphertext */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/integrations/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the stored credential with a new one of the same provider */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        credential: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            fingerprint: string;
                            id: string;
                            last4: string | null;
                            name: string;
                            provider: string;
                            rotatedAt: string | null;
                            scopes: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending invitations */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                email: string;
                                expiresAt: string;
                                id: string;
                                invitedBy: string | null;
                                roles: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite an address (single-use link, 7 days, bound to the address) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        roles: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string;
                            expiresAt: string;
                            id: string;
                            invitedBy: string | null;
                            roles: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw an invitation */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members and their roles */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                email: string;
                                joinedAt: string;
                                name: string | null;
                                roles: string[];
                                userId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Set a member's roles */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            joinedAt: string;
                            name: string | null;
                            roles: string[];
                            userId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/members/{userId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke every session of a member (effective on the next request, on every node) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; no content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/my-permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the caller may do in the current organisation, after every layer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permissions: string[];
                            plan: string;
                            roles: string[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisation policy toggles and the roles each is switched off for */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            toggles: {
                                description: string;
                                disabledFor: string[];
                                governs: string[];
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Switch policy toggles per role */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        changes: {
                            enabled: boolean;
                            role: string;
                            /** @enum {string} */
                            toggle: "api_keys" | "invitations" | "integrations" | "audit_export" | "sharing" | "data_export";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            toggles: {
                                description: string;
                                disabledFor: string[];
                                governs: string[];
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/privacy/exports/{exportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member export of this organisation: status and one-time download link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            download: {
                                expiresAt: string;
                                url: string;
                            } | null;
                            downloadedAt: string | null;
                            expiresAt: string;
                            id: string;
                            readyAt: string | null;
                            records: number | null;
                            /** @enum {string} */
                            scope: "self" | "organisation";
                            sha256: string | null;
                            size: number | null;
                            /** @enum {string} */
                            status: "pending" | "ready" | "downloaded" | "failed";
                            subject: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/privacy/members/{userId}/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export what this organisation holds about one of its members (prepared in the background, downloadable once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            download: {
                                expiresAt: string;
                                url: string;
                            } | null;
                            downloadedAt: string | null;
                            expiresAt: string;
                            id: string;
                            readyAt: string | null;
                            records: number | null;
                            /** @enum {string} */
                            scope: "self" | "organisation";
                            sha256: string | null;
                            size: number | null;
                            /** @enum {string} */
                            status: "pending" | "ready" | "downloaded" | "failed";
                            subject: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/privacy/minors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members marked as minors, with the consent in force for their data to reach the AI provider */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                aiConsent: {
                                    policyVersion: string;
                                    recordedAt: string;
                                } | null;
                                markedAt: string;
                                markedBy: string | null;
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/privacy/minors/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mark a member as a minor: their data then reaches the AI provider only with policy and consent (audited) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the minor mark from a member (audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in and custom roles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                builtIn: boolean;
                                createdAt: string | null;
                                description: string;
                                id: string;
                                name: string;
                                permissions: string[];
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role from catalog permissions you hold */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name: string;
                        permissions: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtIn: boolean;
                            createdAt: string | null;
                            description: string;
                            id: string;
                            name: string;
                            permissions: string[];
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a custom role no member or invitation holds */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a custom role (built-in roles are read-only) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name?: string;
                        permissions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtIn: boolean;
                            createdAt: string | null;
                            description: string;
                            id: string;
                            name: string;
                            permissions: string[];
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's OpenID Connect connection and email domains (the client secret is never returned) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            /** @enum {boolean} */
                            clientSecretSet: true;
                            defaultRole: string;
                            domains: {
                                domain: string;
                                txtName: string;
                                txtValue: string;
                                verified: boolean;
                            }[];
                            enabled: boolean;
                            issuer: string;
                            provider: string;
                            ssoRequired: boolean;
                            updatedAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /**
         * Create or change the OpenID Connect connection (presets google, microsoft with tenantId, or generic with issuer); needs a recent authentication
         * @description clientSecret is write-only: required when creating, omitted to keep the stored one. ssoRequired refuses password sign-in for addresses in the verified domains.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clientId: string;
                        clientSecret?: string;
                        /**
                         * @default viewer
                         * @enum {string}
                         */
                        defaultRole?: "viewer" | "operator";
                        /** @default true */
                        enabled?: boolean;
                        /** Format: uri */
                        issuer?: string;
                        /** @enum {string} */
                        provider: "google" | "microsoft" | "generic";
                        /** @default false */
                        ssoRequired?: boolean;
                        tenantId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            clientId: string;
                            /** @enum {boolean} */
                            clientSecretSet: true;
                            defaultRole: string;
                            domains: {
                                domain: string;
                                txtName: string;
                                txtValue: string;
                                verified: boolean;
                            }[];
                            enabled: boolean;
                            issuer: string;
                            provider: string;
                            ssoRequired: boolean;
                            updatedAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove the connection (its client secret with it); needs a recent authentication */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/sso/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim an email domain: answers the DNS TXT record that proves control */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        domain: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            domain: string;
                            txtName: string;
                            txtValue: string;
                            verified: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/sso/domains/{domain}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the domain's TXT record; a verified domain belongs to this organisation only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    domain: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            domain: string;
                            txtName: string;
                            txtValue: string;
                            verified: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organisation's collections */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                createdBy: string | null;
                                files: number;
                                id: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a collection of files (a case, a trip, a facility) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string | null;
                            files: number;
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One collection */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string | null;
                            files: number;
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an empty collection (its member roles go with it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Files of a collection (metadata only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                collectionId: string;
                                contentType: string;
                                createdAt: string;
                                createdBy: string | null;
                                evidence: boolean;
                                id: string;
                                legalHold: boolean;
                                name: string;
                                sha256: string | null;
                                size: number;
                                /** @enum {string} */
                                status: "pending" | "uploading" | "stored";
                                storedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Declare a file (name, exact size, content type, evidence flag) and get its upload URL: PUT the bytes there within 5 minutes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contentType: string;
                        evidence?: boolean;
                        name: string;
                        size: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            file: {
                                collectionId: string;
                                contentType: string;
                                createdAt: string;
                                createdBy: string | null;
                                evidence: boolean;
                                id: string;
                                legalHold: boolean;
                                name: string;
                                sha256: string | null;
                                size: number;
                                /** @enum {string} */
                                status: "pending" | "uploading" | "stored";
                                storedAt: string | null;
                            };
                            upload: {
                                expiresAt: string;
                                headers: {
                                    "content-type": string;
                                };
                                /** @enum {string} */
                                method: "GET" | "PUT";
                                url: string;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/files/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One file's metadata */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionId: string;
                            contentType: string;
                            createdAt: string;
                            createdBy: string | null;
                            evidence: boolean;
                            id: string;
                            legalHold: boolean;
                            name: string;
                            sha256: string | null;
                            size: number;
                            /** @enum {string} */
                            status: "pending" | "uploading" | "stored";
                            storedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a file on demand: its object, its key and its metadata (refused under legal hold) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/files/{fileId}/download-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed download URL for the file, valid 5 minutes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            /** @enum {string} */
                            method: "GET" | "PUT";
                            url: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/files/{fileId}/legal-hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Place or release a legal hold: a held file is exempt from retention and cannot be deleted */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        hold: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionId: string;
                            contentType: string;
                            createdAt: string;
                            createdBy: string | null;
                            evidence: boolean;
                            id: string;
                            legalHold: boolean;
                            name: string;
                            sha256: string | null;
                            size: number;
                            /** @enum {string} */
                            status: "pending" | "uploading" | "stored";
                            storedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members holding a role on this collection */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                grantedBy: string | null;
                                role: string;
                                userId: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/collections/{collectionId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Give a member owner, editor or reader on this collection */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "owner" | "editor" | "reader";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Take a member's role on this collection away */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    collectionId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/vault/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation's file retention (default 90 days) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            isDefault: boolean;
                            retentionDays: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /** Set the organisation's file retention in days */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        retentionDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            isDefault: boolean;
                            retentionDays: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organisation's webhook endpoints (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                description: string;
                                disabledReason: string | null;
                                eventTypes: string[];
                                failureStreak: number;
                                id: string;
                                rotationEndsAt: string | null;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a webhook endpoint; its whsec_ signing secret is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        eventTypes: string[];
                        /** @description http(s) URL of the receiver; refused (422 outbound_blocked) if it names a non-public address */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endpoint: {
                                createdAt: string;
                                description: string;
                                disabledReason: string | null;
                                eventTypes: string[];
                                failureStreak: number;
                                id: string;
                                rotationEndsAt: string | null;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                updatedAt: string;
                                url: string;
                            };
                            /** @description The whsec_ signing secret: shown this once, never again */
                            secret: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/webhooks/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            eventTypes: string[];
                            failureStreak: number;
                            id: string;
                            rotationEndsAt: string | null;
                            /** @enum {string} */
                            status: "active" | "disabled";
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint and its delivery log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook endpoint: URL, description, event types; disable or re-enable it */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        eventTypes?: string[];
                        /**
                         * @description active re-enables a disabled endpoint (its failure count restarts)
                         * @enum {string}
                         */
                        status?: "active" | "disabled";
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string;
                            disabledReason: string | null;
                            eventTypes: string[];
                            failureStreak: number;
                            id: string;
                            rotationEndsAt: string | null;
                            /** @enum {string} */
                            status: "active" | "disabled";
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/org/webhooks/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of an endpoint: the last 100 deliveries with every attempt */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string;
                                endpointId: string;
                                eventType: string;
                                finishedAt: string | null;
                                id: string;
                                lastError: string | null;
                                lastStatus: number | null;
                                log: {
                                    at: string;
                                    attempt: number;
                                    durationMs: number;
                                    error: string | null;
                                    statusCode: number | null;
                                }[];
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed";
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again (same webhook-id, so receivers can deduplicate) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string;
                            endpointId: string;
                            eventType: string;
                            finishedAt: string | null;
                            id: string;
                            lastError: string | null;
                            lastStatus: number | null;
                            log: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            nextAttemptAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed";
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/org/webhooks/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret: the new one is in this response only; both are signed with until the overlap ends (default 24 h) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        overlapSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endpoint: {
                                createdAt: string;
                                description: string;
                                disabledReason: string | null;
                                eventTypes: string[];
                                failureStreak: number;
                                id: string;
                                rotationEndsAt: string | null;
                                /** @enum {string} */
                                status: "active" | "disabled";
                                updatedAt: string;
                                url: string;
                            };
                            /** @description The whsec_ signing secret: shown this once, never again */
                            secret: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My organisations and my roles in each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                name: string;
                                roles: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an organisation; the caller becomes its admin */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            plan: string;
                            settings: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The permission catalog: permissions, built-in roles, plans, policy toggles, resource roles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permissions: {
                                builtinRoles: string[];
                                description: string;
                                domain: string;
                                feature: string | null;
                                keyScopable: boolean;
                                name: string;
                                toggle: string | null;
                            }[];
                            plans: {
                                features: string[];
                                name: string;
                            }[];
                            resourceTypes: {
                                roles: {
                                    [key: string]: string[];
                                };
                                type: string;
                            }[];
                            roles: {
                                description: string;
                                id: string;
                                permissions: string[];
                            }[];
                            toggles: {
                                description: string;
                                governs: string[];
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/orgs/{orgId}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an organisation's plan (platform super-admins only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        plan: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orgId: string;
                            plan: string;
                            previous: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/privacy-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open data-subject requests across everyone, earliest deadline first (platform super-admins only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                closedAt: string | null;
                                createdAt: string;
                                details: string | null;
                                dueAt: string;
                                id: string;
                                overdueAlertedAt: string | null;
                                remindedAt: string | null;
                                resolution: string | null;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "completed" | "rejected";
                                subject: string;
                                type: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/privacy-requests/{requestId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a data-subject request: open → in_progress → completed | rejected, with the resolution the person will read (platform super-admins only; audited)
         * @description A closed request stays closed, and an erasure request is completed only by the erasure itself (409 privacy_request_transition).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    requestId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        resolution: string;
                        /** @enum {string} */
                        status: "in_progress" | "completed" | "rejected";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            createdAt: string;
                            details: string | null;
                            dueAt: string;
                            id: string;
                            overdueAlertedAt: string | null;
                            remindedAt: string | null;
                            resolution: string | null;
                            /** @enum {string} */
                            status: "open" | "in_progress" | "completed" | "rejected";
                            subject: string;
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/exports/{exportId}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an export's archive through its signed link: once (the archive is deleted as it is sent) */
        get: {
            parameters: {
                query: {
                    expires: number;
                    signature: string;
                };
                header?: never;
                path: {
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The archive: JSON with a manifest (docs/privacy.md#export-format) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vault/objects/{fileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file from its signed download URL (decrypted by Palisade, each chunk only after its tag checks out) */
        get: {
            parameters: {
                query: {
                    expires: number;
                    org: string;
                    signature: string;
                };
                header?: never;
                path: {
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file's bytes, with its declared Content-Type, as an attachment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        /** Upload a file's bytes to its signed upload URL (exactly the declared size and Content-Type; encrypted by Palisade on the way) */
        put: {
            parameters: {
                query: {
                    expires: number;
                    org: string;
                    signature: string;
                };
                header?: never;
                path: {
                    fileId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/octet-stream": string;
                    "application/pdf": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "text/plain": string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            collectionId: string;
                            contentType: string;
                            createdAt: string;
                            createdBy: string | null;
                            evidence: boolean;
                            id: string;
                            legalHold: boolean;
                            name: string;
                            sha256: string | null;
                            size: number;
                            /** @enum {string} */
                            status: "pending" | "uploading" | "stored";
                            storedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            detail?: string;
                            requestId?: string;
                            status: number;
                            title: string;
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description RFC 9457 problem: `code` is listed in docs/errors.md */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                message?: string;
                                path?: string;
                            }[];
                            requestId: string;
                            status: number;
                            title: string;
                            /** Format: uri */
                            type: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
