// Generated from the Kairos OpenAPI document by web/scripts/api-types.ts: do not edit.
// Regenerate with `node web/scripts/api-types.ts` after changing a route's schema.
export interface paths {
    "/api/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                /** @description Origins a browser may use a public (track) key from */
                                allowedOrigins: string[];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                                scopes: ("events:write" | "contacts:write" | "read" | "metrics" | "admin" | "track")[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /** @description A public key (scope track) only: the origins (https://shop.example) web pages may send with it from */
                        allowedOrigins?: string[];
                        /** Format: date-time */
                        expiresAt?: string | null;
                        name: string;
                        /** @description events:write | contacts:write | read | metrics | admin | track */
                        scopes: ("events:write" | "contacts:write" | "read" | "metrics" | "admin" | "track")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                /** @description Origins a browser may use a public (track) key from */
                                allowedOrigins: string[];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                /** Format: date-time */
                                expiresAt: string | null;
                                id: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                /** Format: date-time */
                                revokedAt: string | null;
                                scopes: ("events:write" | "contacts:write" | "read" | "metrics" | "admin" | "track")[];
                            };
                            /** @description The key itself: shown in this answer only */
                            secret: string;
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
    "/api/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Id (a UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description User or key id, or a user email */
                    actor?: string;
                    from?: string;
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    /** @description type:id (flow:…), or a type alone */
                    target?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** @description e.g. flow.publish, channel.update, auth.login_failed */
                                action: string;
                                actor: {
                                    id: string | null;
                                    label: string;
                                    /** @enum {string} */
                                    type: "user" | "key" | "system" | "anonymous";
                                };
                                /** Format: date-time */
                                at: string;
                                /** @description What changed: a list of { path, from, to }, or the fields of what was created */
                                diff: unknown;
                                id: string;
                                ip: string | null;
                                target: {
                                    id: string | null;
                                    type: string;
                                };
                            }[];
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
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description Email address (the login name) */
                        email: string;
                        /** @description At least 10 characters */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** Format: date-time */
                                lastLoginAt: string | null;
                                name: string;
                                /** @description admin | editor | viewer | sales */
                                role: "admin" | "editor" | "viewer" | "sales";
                                salesRepId: string | null;
                            };
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
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            key: {
                                id: string;
                                name: string;
                                prefix: string;
                                scopes: ("events:write" | "contacts:write" | "read" | "metrics" | "admin" | "track")[];
                            } | null;
                            /** @description What this session or key may do */
                            permissions: ("public" | "authenticated" | "read" | "contacts:read" | "tasks:read" | "tasks:write" | "audit:read" | "events:write" | "contacts:write" | "workspace:write" | "metrics" | "track:write" | "admin")[];
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** Format: date-time */
                                lastLoginAt: string | null;
                                name: string;
                                /** @description admin | editor | viewer | sales */
                                role: "admin" | "editor" | "viewer" | "sales";
                                salesRepId: string | null;
                            } | null;
                            via: "session" | "key";
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
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description At least 10 characters */
                        currentPassword: string;
                        /** @description At least 10 characters */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description Email address (the login name) */
                        email: string;
                        name: string;
                        /** @description At least 10 characters */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** Format: date-time */
                                lastLoginAt: string | null;
                                name: string;
                                /** @description admin | editor | viewer | sales */
                                role: "admin" | "editor" | "viewer" | "sales";
                                salesRepId: string | null;
                            };
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
    "/api/auth/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            setupRequired: boolean;
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
    "/api/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendars: {
                                description: string;
                                name: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description The policies name it (holidays.calendar); it cannot be deleted then */
                                usedByPolicies: boolean;
                                years: {
                                    /** @description Days off in that year */
                                    holidays: number;
                                    /** @enum {string} */
                                    source: "json" | "ics";
                                    /** Format: date-time */
                                    uploadedAt: string;
                                    /** @description Make-up workdays (调休) in that year */
                                    workdays: number;
                                    year: number;
                                }[];
                            }[];
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
    "/api/calendars/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Only the days of this year */
                    year?: string;
                };
                header?: never;
                path: {
                    /** @description The calendar, e.g. cn-mainland */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                /** @description YYYY-MM-DD */
                                date: string;
                                /** @enum {string} */
                                kind: "holiday" | "workday";
                                label: string;
                            }[];
                            description: string;
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The policies name it (holidays.calendar); it cannot be deleted then */
                            usedByPolicies: boolean;
                            years: {
                                /** @description Days off in that year */
                                holidays: number;
                                /** @enum {string} */
                                source: "json" | "ics";
                                /** Format: date-time */
                                uploadedAt: string;
                                /** @description Make-up workdays (调休) in that year */
                                workdays: number;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The calendar, e.g. cn-mainland */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The file's text */
                        content: string;
                        description?: string;
                        /** @description json: the format of docs/calendars.md; ics: all-day VEVENTs */
                        format: "json" | "ics";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                /** @description YYYY-MM-DD */
                                date: string;
                                /** @enum {string} */
                                kind: "holiday" | "workday";
                                label: string;
                            }[];
                            description: string;
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The policies name it (holidays.calendar); it cannot be deleted then */
                            usedByPolicies: boolean;
                            years: {
                                /** @description Days off in that year */
                                holidays: number;
                                /** @enum {string} */
                                source: "json" | "ics";
                                /** Format: date-time */
                                uploadedAt: string;
                                /** @description Make-up workdays (调休) in that year */
                                workdays: number;
                                year: number;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The calendar, e.g. cn-mainland */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channel-kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kinds: {
                                /** @description The message channel it carries (sms, email, wecom, call, webhook, or a plugin's) */
                                carries: string;
                                /** @description JSON Schema of the channel's config */
                                configSchema: {
                                    [key: string]: unknown;
                                };
                                description: string;
                                /** @description The kind's own translations keyed by language tag (zh-CN); empty when it ships none, and the editor shows the English */
                                i18n: {
                                    [key: string]: {
                                        description?: string;
                                        /** @description Keyed by the config field's name: label, help and enum labels */
                                        fields?: {
                                            [key: string]: {
                                                description?: string;
                                                /** @description Labels of the field's values, keyed by value */
                                                enum?: {
                                                    [key: string]: string;
                                                };
                                                title?: string;
                                            };
                                        };
                                        title: string;
                                    };
                                };
                                /** @description e.g. sms.http, email.smtp */
                                kind: string;
                                /** @description Config fields stored sealed and never returned */
                                secret: string[];
                                /** @description What the channel form is headed with, e.g. SMS over HTTP */
                                title: string;
                            }[];
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
    "/api/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                /** @description The message channel its kind carries; null when this process has not loaded its kind */
                                carries: string | null;
                                /** @description The settings without their secrets */
                                config: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                                /** @description For kind-not-loaded: the kind and the plugin set of this process */
                                kindNotLoaded?: string;
                                name: string;
                                ratePerSecond: number | null;
                                secretsSet: string[];
                                /**
                                 * @description unreadable: its secrets cannot be opened with this server's key; it cannot send until saved again. kind-not-loaded: no plugin of this process provides its kind
                                 * @enum {string}
                                 */
                                status: "ok" | "unreadable" | "kind-not-loaded";
                                /** @description Why it is unreadable */
                                unreadable?: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
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
    "/api/channels/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. sms-main */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The message channel its kind carries; null when this process has not loaded its kind */
                            carries: string | null;
                            /** @description The settings without their secrets */
                            config: {
                                [key: string]: unknown;
                            };
                            kind: string;
                            /** @description For kind-not-loaded: the kind and the plugin set of this process */
                            kindNotLoaded?: string;
                            name: string;
                            ratePerSecond: number | null;
                            secretsSet: string[];
                            /**
                             * @description unreadable: its secrets cannot be opened with this server's key; it cannot send until saved again. kind-not-loaded: no plugin of this process provides its kind
                             * @enum {string}
                             */
                            status: "ok" | "unreadable" | "kind-not-loaded";
                            /** @description Why it is unreadable */
                            unreadable?: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. sms-main */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        config: {
                            [key: string]: unknown;
                        };
                        /** @description A channel kind: sms.http, email.smtp, wecom.robot, call.http, webhook, or a plugin's (GET /api/channel-kinds) */
                        kind: string;
                        /** @description Messages a second, 0.001 to 100000; null for no limit */
                        ratePerSecond?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The message channel its kind carries; null when this process has not loaded its kind */
                            carries: string | null;
                            /** @description The settings without their secrets */
                            config: {
                                [key: string]: unknown;
                            };
                            kind: string;
                            /** @description For kind-not-loaded: the kind and the plugin set of this process */
                            kindNotLoaded?: string;
                            name: string;
                            ratePerSecond: number | null;
                            secretsSet: string[];
                            /**
                             * @description unreadable: its secrets cannot be opened with this server's key; it cannot send until saved again. kind-not-loaded: no plugin of this process provides its kind
                             * @enum {string}
                             */
                            status: "ok" | "unreadable" | "kind-not-loaded";
                            /** @description Why it is unreadable */
                            unreadable?: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. sms-main */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/channels/{name}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A provider's check of the receipt URL before it uses it (WhatsApp's hub.challenge, with the query the provider sends): answered with the text the channel kind gives */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. whatsapp-main */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description The challenge, echoed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        /** @description A provider's delivery receipts for a channel (WhatsApp's statuses webhook, say), in the provider's own format; each becomes message.delivered, message.read or message.failed for its contact */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. whatsapp-main */
                    name: string;
                };
                cookie?: never;
            };
            /** @description The request body as the provider sends it */
            requestBody: {
                content: {
                    "application/json": string;
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Also the fields the channel's kind says its provider expects in the answer (sms.aliyun: code 0 and msg; sms.tencent: result 0 and errmsg) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Statuses the request reported */
                            received: number;
                            /** @description Recorded on a delivery of this channel (message.delivered, … emitted for its contact) */
                            recorded: number;
                            /** @description Naming no sent delivery of this channel */
                            unmatched: number;
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
    "/api/channels/{name}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Send one test message through a channel now and answer what its provider said */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Channel name, e.g. sms-main */
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The text; default "Test message from Kairos" */
                        body?: string;
                        /** @description The recipient as the channel addresses it: a phone number, an email address, a WeCom user id */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description For a failure: why, e.g. provider answered HTTP 401 */
                            error?: string;
                            /** @description The provider accepted the message */
                            ok: boolean;
                            /** @description The provider's id for the message, when it gave one */
                            providerMessageId?: string;
                            /** @description The provider's answer as the channel kind read it (status and body, for HTTP kinds) */
                            response?: unknown;
                            /** @description For a failure: whether a delivery would be retried (a 5xx, a timeout) or fails at once */
                            retryable?: boolean;
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
    "/api/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contacts: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                externalId: string;
                                id: string;
                                /** @description The sales rep who owns the contact */
                                ownerId: string | null;
                                tags: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
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
    "/api/contacts/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    externalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            externalId: string;
                            id: string;
                            /** @description The sales rep who owns the contact */
                            ownerId: string | null;
                            runs: {
                                /** @description The contact's external id */
                                contact: string;
                                contactId: string;
                                /** Format: date-time */
                                enteredAt: string;
                                error: string | null;
                                exitReason: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                flowId: string;
                                flowVersion: number;
                                id: string;
                                /** Format: date-time */
                                nodeEnteredAt: string;
                                /** @description The node it is at, or ended on */
                                nodeId: string;
                                /** @enum {string} */
                                status: "running" | "waiting" | "completed" | "exited" | "failed" | "cancelled";
                                /** @description What let the contact in: the event, or a schedule tick, date or attribute change shown as one */
                                trigger: {
                                    id: string;
                                    name: string;
                                    /** Format: date-time */
                                    occurredAt: string;
                                    properties: {
                                        [key: string]: unknown;
                                    };
                                } | null;
                                /** @description The event it waits for */
                                waitingFor: string | null;
                                /** @description The message it waits for: its delivery, and when and by which policy rule it was held back (then wakeAt is sendAt plus the 7 days its answer may take) */
                                waitingForMessage: {
                                    deferredBy: string | null;
                                    delivery: string;
                                    /** Format: date-time */
                                    sendAt: string | null;
                                } | null;
                                /** Format: date-time */
                                wakeAt: string | null;
                            }[];
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    externalId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        ownerId?: string | null;
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            externalId: string;
                            id: string;
                            /** @description The sales rep who owns the contact */
                            ownerId: string | null;
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/contacts/{externalId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description The nextBefore of the previous page */
                    before?: string;
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                };
                header?: never;
                path: {
                    externalId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description External id */
                            contact: string;
                            /** @description Newest first */
                            messages: {
                                /** @description The text as rendered for the contact */
                                body: string;
                                /** @enum {string} */
                                category: "marketing" | "transactional";
                                channel: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The policy rules that held it back, e.g. quiet hours 21:00-09:00 (Asia/Shanghai) */
                                deferredBy: string | null;
                                /** @description For a failed one: the provider's error */
                                error: string | null;
                                /** @description Why it was held back or not sent, in words: "not sent: at most 2 marketing SMS per 1d"; null when nothing held it back */
                                explanation: string | null;
                                id: string;
                                journey: {
                                    flowId: string;
                                    name: string | null;
                                    runId: string | null;
                                } | null;
                                node: {
                                    id: string;
                                    label: string | null;
                                    type: string | null;
                                } | null;
                                /** @description Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy) */
                                policyReason: {
                                    /** @description The rules that moved it later, in the order they did */
                                    deferredBy: ({
                                        /** @enum {string} */
                                        kind: "quiet_hours";
                                        params: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description The clock they were read on */
                                            timeZone: string;
                                            /** @description HH:MM */
                                            to: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "holiday";
                                        params: {
                                            calendar: string;
                                            /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                            date: string;
                                            /** @description The holiday's name in the calendar; null for a weekend */
                                            name: string | null;
                                            /** @description The day it goes out instead, YYYY-MM-DD */
                                            nextWorkday: string;
                                            timeZone: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cap";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            /** @description A duration: 1d, 7d, 12h */
                                            per: string;
                                            scope: "workspace" | "flow";
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cooling";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            per: string;
                                            /** @description The cooling rule's name */
                                            rule: string;
                                            /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                            segment: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "consent";
                                        params: {
                                            /** @description The consent attribute set false, e.g. consent */
                                            attribute: string | null;
                                            channel: string;
                                            /** @description The stop event, e.g. sms.stop */
                                            event: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "control_group";
                                        params: Record<string, never>;
                                    } | {
                                        /** @enum {string} */
                                        kind: "no_free_time";
                                        /** @description No time free of caps and quiet hours was found */
                                        params: Record<string, never>;
                                    })[] | null;
                                    suppressedBy: ({
                                        /** @enum {string} */
                                        kind: "quiet_hours";
                                        params: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description The clock they were read on */
                                            timeZone: string;
                                            /** @description HH:MM */
                                            to: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "holiday";
                                        params: {
                                            calendar: string;
                                            /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                            date: string;
                                            /** @description The holiday's name in the calendar; null for a weekend */
                                            name: string | null;
                                            /** @description The day it goes out instead, YYYY-MM-DD */
                                            nextWorkday: string;
                                            timeZone: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cap";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            /** @description A duration: 1d, 7d, 12h */
                                            per: string;
                                            scope: "workspace" | "flow";
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cooling";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            per: string;
                                            /** @description The cooling rule's name */
                                            rule: string;
                                            /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                            segment: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "consent";
                                        params: {
                                            /** @description The consent attribute set false, e.g. consent */
                                            attribute: string | null;
                                            channel: string;
                                            /** @description The stop event, e.g. sms.stop */
                                            event: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "control_group";
                                        params: Record<string, never>;
                                    } | {
                                        /** @enum {string} */
                                        kind: "no_free_time";
                                        /** @description No time free of caps and quiet hours was found */
                                        params: Record<string, never>;
                                    }) | (never | null);
                                    /** @description The contact's timezone (else the journey's) times are told in */
                                    timeZone: string | null;
                                } | null;
                                /** @description The channel it went through, http (the default SMS provider) or outbox */
                                provider: string;
                                /** @description When each receipt arrived, by status (delivered, read, clicked) */
                                receipts: {
                                    [key: string]: string;
                                };
                                /**
                                 * Format: date-time
                                 * @description When it goes (or went) out: its creation, or later when a policy deferred it
                                 */
                                sendAt: string | null;
                                /** Format: date-time */
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "queued" | "sent" | "failed" | "suppressed" | "delivered" | "read" | "clicked";
                                subject: string | null;
                                /** @description For a suppressed one: the rule that stopped it, e.g. cap: sms 2 per 1d */
                                suppressedBy: string | null;
                                to: string;
                            }[];
                            /** @description Pass as before for the next page; null on the last */
                            nextBefore: string | null;
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
    "/api/contacts/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        contacts: {
                            attributes?: {
                                [key: string]: unknown;
                            };
                            externalId: string;
                            ownerId?: string | null;
                            tags?: string[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Of those, how many were new */
                            created: number;
                            upserted: number;
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
    "/api/coupon-pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pools: {
                                available: number;
                                id: string;
                                issued: number;
                                name: string;
                                /** @description Codes uploaded */
                                total: number;
                            }[];
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
    "/api/coupon-pools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: number;
                            id: string;
                            issued: number;
                            name: string;
                            /** @description Codes uploaded */
                            total: number;
                        };
                    };
                };
            };
        };
        put: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: number;
                            id: string;
                            issued: number;
                            name: string;
                            /** @description Codes uploaded */
                            total: number;
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
    "/api/coupon-pools/{id}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        codes: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            pool: {
                                available: number;
                                id: string;
                                issued: number;
                                name: string;
                                /** @description Codes uploaded */
                                total: number;
                            };
                            /** @description Codes already in the pool */
                            skipped: number;
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
    "/api/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    channel?: string;
                    contact?: string;
                    flow?: string;
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    run?: string;
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attempts: number;
                                body: string;
                                /** @enum {string} */
                                category: "marketing" | "transactional";
                                channel: string;
                                /** @description External id */
                                contact: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The policy rules that deferred it, e.g. quiet hours 21:00-09:00 (Asia/Shanghai) */
                                deferredBy: string | null;
                                error: string | null;
                                flowId: string | null;
                                id: string;
                                idempotencyKey: string;
                                node: string | null;
                                /** @description Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy) */
                                policyReason: {
                                    /** @description The rules that moved it later, in the order they did */
                                    deferredBy: ({
                                        /** @enum {string} */
                                        kind: "quiet_hours";
                                        params: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description The clock they were read on */
                                            timeZone: string;
                                            /** @description HH:MM */
                                            to: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "holiday";
                                        params: {
                                            calendar: string;
                                            /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                            date: string;
                                            /** @description The holiday's name in the calendar; null for a weekend */
                                            name: string | null;
                                            /** @description The day it goes out instead, YYYY-MM-DD */
                                            nextWorkday: string;
                                            timeZone: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cap";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            /** @description A duration: 1d, 7d, 12h */
                                            per: string;
                                            scope: "workspace" | "flow";
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cooling";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            per: string;
                                            /** @description The cooling rule's name */
                                            rule: string;
                                            /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                            segment: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "consent";
                                        params: {
                                            /** @description The consent attribute set false, e.g. consent */
                                            attribute: string | null;
                                            channel: string;
                                            /** @description The stop event, e.g. sms.stop */
                                            event: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "control_group";
                                        params: Record<string, never>;
                                    } | {
                                        /** @enum {string} */
                                        kind: "no_free_time";
                                        /** @description No time free of caps and quiet hours was found */
                                        params: Record<string, never>;
                                    })[] | null;
                                    suppressedBy: ({
                                        /** @enum {string} */
                                        kind: "quiet_hours";
                                        params: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description The clock they were read on */
                                            timeZone: string;
                                            /** @description HH:MM */
                                            to: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "holiday";
                                        params: {
                                            calendar: string;
                                            /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                            date: string;
                                            /** @description The holiday's name in the calendar; null for a weekend */
                                            name: string | null;
                                            /** @description The day it goes out instead, YYYY-MM-DD */
                                            nextWorkday: string;
                                            timeZone: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cap";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            /** @description A duration: 1d, 7d, 12h */
                                            per: string;
                                            scope: "workspace" | "flow";
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cooling";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            per: string;
                                            /** @description The cooling rule's name */
                                            rule: string;
                                            /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                            segment: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "consent";
                                        params: {
                                            /** @description The consent attribute set false, e.g. consent */
                                            attribute: string | null;
                                            channel: string;
                                            /** @description The stop event, e.g. sms.stop */
                                            event: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "control_group";
                                        params: Record<string, never>;
                                    } | {
                                        /** @enum {string} */
                                        kind: "no_free_time";
                                        /** @description No time free of caps and quiet hours was found */
                                        params: Record<string, never>;
                                    }) | (never | null);
                                    /** @description The contact's timezone (else the journey's) times are told in */
                                    timeZone: string | null;
                                } | null;
                                provider: string;
                                /** @description What the provider answered, as it answered */
                                providerResponse: unknown;
                                /** @description When each receipt arrived, by status */
                                receipts: {
                                    [key: string]: string;
                                };
                                runId: string | null;
                                /**
                                 * Format: date-time
                                 * @description When it goes out: when it was created, or later when a policy deferred it
                                 */
                                sendAt: string | null;
                                /** Format: date-time */
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "scheduled" | "queued" | "sent" | "failed" | "suppressed" | "delivered" | "read" | "clicked";
                                subject: string | null;
                                /** @description For a suppressed one: the rule that stopped it, e.g. cap: sms 2 per 1d */
                                suppressedBy: string | null;
                                /** @description The recipient: a phone number, an address, a URL */
                                to: string;
                            }[];
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
    "/api/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            body: string;
                            /** @enum {string} */
                            category: "marketing" | "transactional";
                            channel: string;
                            /** @description External id */
                            contact: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The policy rules that deferred it, e.g. quiet hours 21:00-09:00 (Asia/Shanghai) */
                            deferredBy: string | null;
                            error: string | null;
                            flowId: string | null;
                            id: string;
                            idempotencyKey: string;
                            node: string | null;
                            /** @description Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy) */
                            policyReason: {
                                /** @description The rules that moved it later, in the order they did */
                                deferredBy: ({
                                    /** @enum {string} */
                                    kind: "quiet_hours";
                                    params: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description The clock they were read on */
                                        timeZone: string;
                                        /** @description HH:MM */
                                        to: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "holiday";
                                    params: {
                                        calendar: string;
                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                        date: string;
                                        /** @description The holiday's name in the calendar; null for a weekend */
                                        name: string | null;
                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                        nextWorkday: string;
                                        timeZone: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "cap";
                                    params: {
                                        /** @description The channel the cap counts, null: all channels */
                                        channel: string | null;
                                        max: number;
                                        /** @description A duration: 1d, 7d, 12h */
                                        per: string;
                                        scope: "workspace" | "flow";
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "cooling";
                                    params: {
                                        /** @description The channel the cap counts, null: all channels */
                                        channel: string | null;
                                        max: number;
                                        per: string;
                                        /** @description The cooling rule's name */
                                        rule: string;
                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                        segment: string | null;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "consent";
                                    params: {
                                        /** @description The consent attribute set false, e.g. consent */
                                        attribute: string | null;
                                        channel: string;
                                        /** @description The stop event, e.g. sms.stop */
                                        event: string | null;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "control_group";
                                    params: Record<string, never>;
                                } | {
                                    /** @enum {string} */
                                    kind: "no_free_time";
                                    /** @description No time free of caps and quiet hours was found */
                                    params: Record<string, never>;
                                })[] | null;
                                suppressedBy: ({
                                    /** @enum {string} */
                                    kind: "quiet_hours";
                                    params: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description The clock they were read on */
                                        timeZone: string;
                                        /** @description HH:MM */
                                        to: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "holiday";
                                    params: {
                                        calendar: string;
                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                        date: string;
                                        /** @description The holiday's name in the calendar; null for a weekend */
                                        name: string | null;
                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                        nextWorkday: string;
                                        timeZone: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "cap";
                                    params: {
                                        /** @description The channel the cap counts, null: all channels */
                                        channel: string | null;
                                        max: number;
                                        /** @description A duration: 1d, 7d, 12h */
                                        per: string;
                                        scope: "workspace" | "flow";
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "cooling";
                                    params: {
                                        /** @description The channel the cap counts, null: all channels */
                                        channel: string | null;
                                        max: number;
                                        per: string;
                                        /** @description The cooling rule's name */
                                        rule: string;
                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                        segment: string | null;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "consent";
                                    params: {
                                        /** @description The consent attribute set false, e.g. consent */
                                        attribute: string | null;
                                        channel: string;
                                        /** @description The stop event, e.g. sms.stop */
                                        event: string | null;
                                    };
                                } | {
                                    /** @enum {string} */
                                    kind: "control_group";
                                    params: Record<string, never>;
                                } | {
                                    /** @enum {string} */
                                    kind: "no_free_time";
                                    /** @description No time free of caps and quiet hours was found */
                                    params: Record<string, never>;
                                }) | (never | null);
                                /** @description The contact's timezone (else the journey's) times are told in */
                                timeZone: string | null;
                            } | null;
                            provider: string;
                            /** @description What the provider answered, as it answered */
                            providerResponse: unknown;
                            /** @description When each receipt arrived, by status */
                            receipts: {
                                [key: string]: string;
                            };
                            runId: string | null;
                            /**
                             * Format: date-time
                             * @description When it goes out: when it was created, or later when a policy deferred it
                             */
                            sendAt: string | null;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "scheduled" | "queued" | "sent" | "failed" | "suppressed" | "delivered" | "read" | "clicked";
                            subject: string | null;
                            /** @description For a suppressed one: the rule that stopped it, e.g. cap: sms 2 per 1d */
                            suppressedBy: string | null;
                            /** @description The recipient: a phone number, an address, a URL */
                            to: string;
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
    "/api/deliveries/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** Format: date-time */
                        at?: string;
                        reason?: string;
                        status: "delivered" | "read" | "clicked" | "failed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            delivery: string;
                            /** @description False when the same receipt came before */
                            eventEmitted: boolean;
                            /**
                             * @description The delivery's status now (a receipt never moves it backwards)
                             * @enum {string}
                             */
                            status: "scheduled" | "queued" | "sent" | "failed" | "suppressed" | "delivered" | "read" | "clicked";
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
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description External id of the contact (created if unknown) */
                        contact?: string;
                        events?: {
                            /** @description External id of the contact (created if unknown) */
                            contact: string;
                            /** @description Idempotency id: a repeat is accepted and ignored */
                            id?: string;
                            /** @description Event name, e.g. cart_added */
                            name: string;
                            /** Format: date-time */
                            occurredAt?: string;
                            properties?: {
                                [key: string]: unknown;
                            };
                        }[];
                        /** @description Idempotency id: a repeat is accepted and ignored */
                        id?: string;
                        /** @description Event name, e.g. cart_added */
                        name?: string;
                        /** Format: date-time */
                        occurredAt?: string;
                        properties?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            /** @description Repeated idempotency ids, accepted and ignored */
                            duplicates: number;
                            /** @description Runs whose flow goal this batch met */
                            runsConverted: number;
                            runsExited: number;
                            runsResumed: number;
                            runsStarted: number;
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
    "/api/exports/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every contact as CSV (UTF-8 with a byte-order mark): externalId, ownerId, tags joined by ";", then one column per attribute key, sorted; objects and lists as JSON */
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description CSV text */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
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
    "/api/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flows: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description The version new runs enter; null until first published */
                                publishedVersion: number | null;
                                stats: {
                                    /** @description Running or waiting */
                                    active: number;
                                    completed: number;
                                    /** @description Runs that reached the goal (any status) */
                                    converted: number;
                                    exited: number;
                                    failed: number;
                                    waiting: number;
                                };
                                /** @enum {string} */
                                status: "draft" | "active" | "paused" | "archived";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
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
                        graph: {
                            /** @default [] */
                            edges?: {
                                id?: string;
                                source: string;
                                /** @default next */
                                sourcePort?: string;
                                target: string;
                            }[];
                            nodes: {
                                /** @default {} */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /** @description Node id: letters, digits, _ and - */
                                id: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                type: string;
                                version?: number;
                            }[];
                            settings?: {
                                caps?: {
                                    channel?: string;
                                    max: number;
                                    /** @description A duration such as 30m, 1d or 7d */
                                    per: string;
                                }[];
                                /** @default [] */
                                exitOn?: string[];
                                goal?: {
                                    event: string;
                                    where?: {
                                        [key: string]: unknown;
                                    };
                                    /** @description A duration such as 30m, 1d or 7d */
                                    within: string;
                                };
                                onCap?: "suppress" | "wait";
                                quietHours?: {
                                    /** @description HH:MM */
                                    from: string;
                                    /** @description HH:MM */
                                    to: string;
                                } | null;
                                /** @default once */
                                reentry?: "once" | "always" | "after";
                                /** @description A duration such as 30m, 1d or 7d */
                                reentryAfter?: string;
                                /** @default UTC */
                                timezone?: string;
                            };
                        };
                        name: string;
                        /**
                         * @description Set by the editor when the graph came from a file: the audit trail says "imported"
                         * @enum {string}
                         */
                        source?: "import";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put: {
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
                        graph?: {
                            /** @default [] */
                            edges?: {
                                id?: string;
                                source: string;
                                /** @default next */
                                sourcePort?: string;
                                target: string;
                            }[];
                            nodes: {
                                /** @default {} */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /** @description Node id: letters, digits, _ and - */
                                id: string;
                                label?: string;
                                position?: {
                                    x: number;
                                    y: number;
                                };
                                type: string;
                                version?: number;
                            }[];
                            settings?: {
                                caps?: {
                                    channel?: string;
                                    max: number;
                                    /** @description A duration such as 30m, 1d or 7d */
                                    per: string;
                                }[];
                                /** @default [] */
                                exitOn?: string[];
                                goal?: {
                                    event: string;
                                    where?: {
                                        [key: string]: unknown;
                                    };
                                    /** @description A duration such as 30m, 1d or 7d */
                                    within: string;
                                };
                                onCap?: "suppress" | "wait";
                                quietHours?: {
                                    /** @description HH:MM */
                                    from: string;
                                    /** @description HH:MM */
                                    to: string;
                                } | null;
                                /** @default once */
                                reentry?: "once" | "always" | "after";
                                /** @description A duration such as 30m, 1d or 7d */
                                reentryAfter?: string;
                                /** @default UTC */
                                timezone?: string;
                            };
                        };
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}/duplicate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        migrate?: {
                            /**
                             * Format: uuid
                             * @description The plan a dry run answered
                             */
                            plan: string;
                        };
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flow: {
                                /** Format: date-time */
                                createdAt: string;
                                graph: {
                                    /** @default [] */
                                    edges: {
                                        id?: string;
                                        source: string;
                                        /** @default next */
                                        sourcePort: string;
                                        target: string;
                                    }[];
                                    nodes: {
                                        /** @default {} */
                                        config: {
                                            [key: string]: unknown;
                                        };
                                        /** @description Node id: letters, digits, _ and - */
                                        id: string;
                                        label?: string;
                                        position?: {
                                            x: number;
                                            y: number;
                                        };
                                        type: string;
                                        version?: number;
                                    }[];
                                    settings?: {
                                        caps?: {
                                            channel?: string;
                                            max: number;
                                            /** @description A duration such as 30m, 1d or 7d */
                                            per: string;
                                        }[];
                                        /** @default [] */
                                        exitOn: string[];
                                        goal?: {
                                            event: string;
                                            where?: {
                                                [key: string]: unknown;
                                            };
                                            /** @description A duration such as 30m, 1d or 7d */
                                            within: string;
                                        };
                                        onCap?: "suppress" | "wait";
                                        quietHours?: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description HH:MM */
                                            to: string;
                                        } | null;
                                        /** @default once */
                                        reentry: "once" | "always" | "after";
                                        /** @description A duration such as 30m, 1d or 7d */
                                        reentryAfter?: string;
                                        /** @default UTC */
                                        timezone: string;
                                    };
                                };
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description The version new runs enter; null until first published */
                                publishedVersion: number | null;
                                /** @enum {string} */
                                status: "draft" | "active" | "paused" | "archived";
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            moved: {
                                /** @description Runs the plan named that left their wait since the dry run: not moved */
                                changed: number;
                                fromVersion: number;
                                /** @description As the dry run was asked */
                                mapping: {
                                    [key: string]: string | null;
                                };
                                moved: number;
                                nodes: {
                                    changed: number;
                                    moved: number;
                                    node: string;
                                    to: string;
                                }[];
                                /** Format: uuid */
                                plan: string;
                                toVersion: number;
                            } | null;
                            version: number;
                            /** @description Unknown variables in the published version (published anyway; the editor asks first) */
                            warnings: {
                                /** @description For eventProperty: the trigger events looked at */
                                events: string[];
                                /** @description Its config field, as publish problems name it (config.text) */
                                field: string;
                                /** @description In words, e.g. uses {{ contact.tier }}, which no contact has */
                                message: string;
                                /** @description The step whose template reads the variable */
                                node: string;
                                /**
                                 * @description attribute: no contact has the key; eventProperty: no recent event the journey starts on carries it (judged only when every trigger is an event); coupon: no step issues a coupon and no contact has one
                                 * @enum {string}
                                 */
                                reason: "attribute" | "eventProperty" | "coupon";
                                /** @description The variable as the template reads it, e.g. contact.tier */
                                variable: string;
                            }[];
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
    "/api/flows/{id}/publish-warnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            warnings: {
                                /** @description For eventProperty: the trigger events looked at */
                                events: string[];
                                /** @description Its config field, as publish problems name it (config.text) */
                                field: string;
                                /** @description In words, e.g. uses {{ contact.tier }}, which no contact has */
                                message: string;
                                /** @description The step whose template reads the variable */
                                node: string;
                                /**
                                 * @description attribute: no contact has the key; eventProperty: no recent event the journey starts on carries it (judged only when every trigger is an event); coupon: no step issues a coupon and no contact has one
                                 * @enum {string}
                                 */
                                reason: "attribute" | "eventProperty" | "coupon";
                                /** @description The variable as the template reads it, e.g. contact.tier */
                                variable: string;
                            }[];
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
    "/api/flows/{id}/publish/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        migrate: {
                            /** @description Step of the live version → step of the new version, or null to let its waiting contacts finish on the live version. A step left out maps to the step of the same id, or finishes on the live version when the new one has none */
                            mapping?: {
                                [key: string]: string | null;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The live version the contacts wait on */
                            fromVersion: number;
                            moving: number;
                            /** @description Most waiting first */
                            nodes: {
                                /** @description A step of the live version where contacts wait (or one the mapping names) */
                                node: string;
                                /**
                                 * @description same: the new version has the step under its id; mapped: chosen in the mapping; removed: the step is gone, no target chosen; kept: mapped to null
                                 * @enum {string}
                                 */
                                reason: "same" | "mapped" | "removed" | "kept";
                                /** @description e.g. 31 contacts waiting at wait_3d move to wait_2d */
                                sentence: string;
                                /** @description The target's settings differ: waits keep the wake time and event they started with */
                                settingsDiffer: boolean;
                                /** @description The step of the new version they move to; null: they finish on the live version */
                                to: string | null;
                                /** @description Its node type */
                                type: string;
                                waiting: number;
                            }[];
                            /**
                             * Format: uuid
                             * @description Publish with migrate: { plan } to apply exactly this
                             */
                            plan: string;
                            /** @description The sentences of the steps where contacts wait */
                            sentences: string[];
                            /** @description Waiting contacts who finish on the live version */
                            staying: number;
                            /** @description The version publishing the draft makes */
                            toVersion: number;
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
    "/api/flows/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The workspace control group (policies.controlGroup) among the entrants; null without one */
                            controlGroup: {
                                control: {
                                    contacts: number;
                                    conversionRate: number | null;
                                    converted: number;
                                    interval: {
                                        high: number;
                                        low: number;
                                    } | null;
                                };
                                lift: {
                                    /** @description The treated conversion rate minus the control group's */
                                    difference: number;
                                    interval: {
                                        high: number;
                                        low: number;
                                    };
                                    pValue: number | null;
                                    /** @description The 95% interval excludes 0 */
                                    significant: boolean;
                                } | null;
                                percent: number;
                                treated: {
                                    contacts: number;
                                    conversionRate: number | null;
                                    converted: number;
                                    interval: {
                                        high: number;
                                        low: number;
                                    } | null;
                                };
                            } | null;
                            /** @description By split node id: the auto-winner's decision, when one was made */
                            decisions: {
                                [key: string]: {
                                    /** @description The winner: new entrants of that version go down this arm */
                                    arm: string;
                                    /** Format: date-time */
                                    at: string;
                                    /** @description The confidence the split asked for */
                                    confidence: number;
                                    /** @description The p-value that met it (two-proportion z-test, Bonferroni) */
                                    pValue: number;
                                    /** @description The flow version it was decided for */
                                    version: number;
                                };
                            };
                            flowId: string;
                            /** Format: date-time */
                            from: string;
                            goal: {
                                event: string;
                                within: string;
                            } | null;
                            /** @description By message node id */
                            messages: {
                                [key: string]: {
                                    channel: string;
                                    /** @description Deliveries with a counted click on one of their tracked links, each once however often (docs/tracking.md) */
                                    clicked: number;
                                    /** @description Deferred by a policy at some point (quiet hours, a cap with onCap wait), whatever became of them */
                                    deferred: number;
                                    /** @description By the rule that deferred them */
                                    deferredBy: {
                                        [key: string]: number;
                                    };
                                    /** @description Of those sent, the ones a provider reported delivered, read or clicked */
                                    delivered: number;
                                    failed: number;
                                    /** @description Email deliveries whose open pixel was loaded, each once */
                                    opened: number;
                                    /** @description Held back by a policy now, waiting for their time */
                                    scheduled: number;
                                    /** @description Went out (delivered, read and clicked included) */
                                    sent: number;
                                    suppressed: number;
                                    /** @description By the rule that suppressed them */
                                    suppressedBy: {
                                        [key: string]: number;
                                    };
                                };
                            };
                            /** @description By node id */
                            nodes: {
                                [key: string]: {
                                    /** @description Went on through a port, or ended at an exit node */
                                    completed: number;
                                    entered: number;
                                    /** @description Left the journey here early: an exitOn event or a cancel */
                                    exited: number;
                                    /** @description Early exits by reason: "exitOn: <event>" or "cancelled" */
                                    exitedBy: {
                                        [key: string]: number;
                                    };
                                    failed: number;
                                    waitingNow: number;
                                };
                            };
                            runs: {
                                /** @description Converted / total, to 4 places; null when the total is 0 */
                                conversionRate: number | null;
                                converted: number;
                                entered: number;
                                /** @description Left early: on an exitOn event or cancelled (not at an exit node) */
                                exited: number;
                            };
                            /** @description By split node id, then arm */
                            splits: {
                                [key: string]: {
                                    [key: string]: {
                                        contacts: number;
                                        /** @description Converted / total, to 4 places; null when the total is 0 */
                                        conversionRate: number | null;
                                        converted: number;
                                        /** @description This arm's rate minus the reference arm's; null for the reference */
                                        difference: number | null;
                                        /** @description Wilson 95% interval of the conversion rate; null without contacts */
                                        interval: {
                                            high: number;
                                            low: number;
                                        } | null;
                                        /** @description Two-sided p-value of the two-proportion z-test against the reference arm */
                                        pValue: number | null;
                                        /** @description The arm the others are compared with: the holdout, else the first arm */
                                        reference: boolean;
                                        /** @description pValue below 0.05 shared among the arms compared (Bonferroni) */
                                        significant: boolean;
                                    };
                                };
                            };
                            /** Format: date-time */
                            to: string;
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
    "/api/flows/{id}/report/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description One point per hour or per day of the journey's timezone (default: hour for a range of 2 days or less, else day) */
                    bucket?: "hour" | "day";
                    /** @description Start of the range, inclusive (default: 30 days before `to`) */
                    from?: string;
                    /** @description End of the range, exclusive (default: now) */
                    to?: string;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            bucket: "hour" | "day";
                            flowId: string;
                            /** Format: date-time */
                            from: string;
                            points: {
                                /** @description Runs that reached the goal in the bucket, whenever they entered */
                                conversions: number;
                                /** @description Runs that entered in the bucket */
                                entries: number;
                                /**
                                 * Format: date-time
                                 * @description Where the bucket starts (a local midnight or hour), in UTC
                                 */
                                start: string;
                            }[];
                            /** @description The IANA zone buckets start in: the live version's, else the draft's */
                            timezone: string;
                            /** Format: date-time */
                            to: string;
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
    "/api/flows/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The version new runs enter; null until first published */
                            publishedVersion: number | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "paused" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/flows/{id}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description Who to simulate: a list, or a random sample of a segment */
                        contacts: (string | {
                            attributes?: {
                                [key: string]: unknown;
                            };
                            /** @description A name for it in the answer and in events (default inline-<n>) */
                            externalId?: string;
                            ownerId?: string | null;
                            tags?: string[];
                        })[] | {
                            /** @description How many of its contacts, picked at random (at most 1,000) */
                            sample: number;
                            /** @description Segment id */
                            segment: string;
                        };
                        /**
                         * @description Simulate the draft graph (the default when no version is given)
                         * @enum {boolean}
                         */
                        draft?: true;
                        /** @description What the contacts do, at virtual times (at most 10,000) */
                        events?: {
                            /** @description When, on the virtual clock: "+2h" after the start, or an ISO time within the horizon */
                            at: string;
                            /** @description Who: a contact as named in `contacts` (or its external id), or "*" for every simulated contact */
                            contact: string;
                            /** @description Event name, e.g. order_placed */
                            name: string;
                            properties?: {
                                [key: string]: unknown;
                            };
                        }[];
                        /** @description How far to run the virtual clock, e.g. 10d (at most 90d) */
                        horizon: string;
                        /**
                         * Format: date-time
                         * @description Where the virtual clock starts (default: now)
                         */
                        now?: string;
                        /** @description A published version to simulate */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contacts: {
                                /** @description As named in the request (external id, or inline-<n>) */
                                contact: string;
                                runs: {
                                    /** Format: date-time */
                                    endedAt: string | null;
                                    /** Format: date-time */
                                    enteredAt: string;
                                    /** @description The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00 */
                                    enteredAtLocal: string;
                                    error: string | null;
                                    exitReason: string | null;
                                    goal: {
                                        /** Format: date-time */
                                        at: string | null;
                                        reached: boolean;
                                    };
                                    /**
                                     * @description Where the run stands when the horizon ends
                                     * @enum {string}
                                     */
                                    status: "running" | "waiting" | "completed" | "exited" | "failed" | "cancelled";
                                    steps: {
                                        /** Format: date-time */
                                        at: string;
                                        /** @description The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00 */
                                        atLocal: string;
                                        /** @description The code the step would issue */
                                        coupon?: string;
                                        /** Format: date-time */
                                        enteredAt: string;
                                        error: string | null;
                                        label: string | null;
                                        message?: {
                                            /** @enum {string} */
                                            category: "marketing" | "transactional";
                                            channel: string;
                                            /** @description The rules that moved it later (quiet hours, a cap with onCap wait) */
                                            deferredBy: string | null;
                                            /** @description Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy) */
                                            policyReason: {
                                                /** @description The rules that moved it later, in the order they did */
                                                deferredBy: ({
                                                    /** @enum {string} */
                                                    kind: "quiet_hours";
                                                    params: {
                                                        /** @description HH:MM */
                                                        from: string;
                                                        /** @description The clock they were read on */
                                                        timeZone: string;
                                                        /** @description HH:MM */
                                                        to: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "holiday";
                                                    params: {
                                                        calendar: string;
                                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                                        date: string;
                                                        /** @description The holiday's name in the calendar; null for a weekend */
                                                        name: string | null;
                                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                                        nextWorkday: string;
                                                        timeZone: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cap";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        /** @description A duration: 1d, 7d, 12h */
                                                        per: string;
                                                        scope: "workspace" | "flow";
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cooling";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        per: string;
                                                        /** @description The cooling rule's name */
                                                        rule: string;
                                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                                        segment: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "consent";
                                                    params: {
                                                        /** @description The consent attribute set false, e.g. consent */
                                                        attribute: string | null;
                                                        channel: string;
                                                        /** @description The stop event, e.g. sms.stop */
                                                        event: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "control_group";
                                                    params: Record<string, never>;
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "no_free_time";
                                                    /** @description No time free of caps and quiet hours was found */
                                                    params: Record<string, never>;
                                                })[] | null;
                                                suppressedBy: ({
                                                    /** @enum {string} */
                                                    kind: "quiet_hours";
                                                    params: {
                                                        /** @description HH:MM */
                                                        from: string;
                                                        /** @description The clock they were read on */
                                                        timeZone: string;
                                                        /** @description HH:MM */
                                                        to: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "holiday";
                                                    params: {
                                                        calendar: string;
                                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                                        date: string;
                                                        /** @description The holiday's name in the calendar; null for a weekend */
                                                        name: string | null;
                                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                                        nextWorkday: string;
                                                        timeZone: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cap";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        /** @description A duration: 1d, 7d, 12h */
                                                        per: string;
                                                        scope: "workspace" | "flow";
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cooling";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        per: string;
                                                        /** @description The cooling rule's name */
                                                        rule: string;
                                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                                        segment: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "consent";
                                                    params: {
                                                        /** @description The consent attribute set false, e.g. consent */
                                                        attribute: string | null;
                                                        channel: string;
                                                        /** @description The stop event, e.g. sms.stop */
                                                        event: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "control_group";
                                                    params: Record<string, never>;
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "no_free_time";
                                                    /** @description No time free of caps and quiet hours was found */
                                                    params: Record<string, never>;
                                                }) | (never | null);
                                                /** @description The contact's timezone (else the journey's) times are told in */
                                                timeZone: string | null;
                                            } | null;
                                            /** @description The channel it would go through, or outbox */
                                            provider: string;
                                            /** Format: date-time */
                                            sendAt: string;
                                            /** @description The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00 */
                                            sendAtLocal: string;
                                            /**
                                             * @description sent: would go out at sendAt; suppressed: a policy stops it (suppressedBy); scheduled: due after the horizon
                                             * @enum {string}
                                             */
                                            status: "sent" | "suppressed" | "scheduled" | "failed";
                                            subject: string | null;
                                            /** @description The rule that stops it (consent, a cap) */
                                            suppressedBy: string | null;
                                            /** @description The rendered message */
                                            text: string;
                                            to: string;
                                        };
                                        node: string;
                                        /** @enum {string} */
                                        outcome: "port" | "exit" | "error";
                                        output: {
                                            [key: string]: unknown;
                                        } | null;
                                        port: string | null;
                                        type: string;
                                    }[];
                                    /** @description What let the contact in: an event name, date.reached, schedule.tick or attribute.changed */
                                    trigger: string;
                                    version: number;
                                    /** @description Where a run still in the journey stands when the horizon ends (a message it waits to send: due after the horizon) */
                                    waiting: {
                                        /** @description The event it waits for */
                                        event: string | null;
                                        label: string | null;
                                        message?: {
                                            /** @enum {string} */
                                            category: "marketing" | "transactional";
                                            channel: string;
                                            /** @description The rules that moved it later (quiet hours, a cap with onCap wait) */
                                            deferredBy: string | null;
                                            /** @description Why it was held back or not sent, as data; null on deliveries recorded before it existed (read deferredBy / suppressedBy) */
                                            policyReason: {
                                                /** @description The rules that moved it later, in the order they did */
                                                deferredBy: ({
                                                    /** @enum {string} */
                                                    kind: "quiet_hours";
                                                    params: {
                                                        /** @description HH:MM */
                                                        from: string;
                                                        /** @description The clock they were read on */
                                                        timeZone: string;
                                                        /** @description HH:MM */
                                                        to: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "holiday";
                                                    params: {
                                                        calendar: string;
                                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                                        date: string;
                                                        /** @description The holiday's name in the calendar; null for a weekend */
                                                        name: string | null;
                                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                                        nextWorkday: string;
                                                        timeZone: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cap";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        /** @description A duration: 1d, 7d, 12h */
                                                        per: string;
                                                        scope: "workspace" | "flow";
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cooling";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        per: string;
                                                        /** @description The cooling rule's name */
                                                        rule: string;
                                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                                        segment: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "consent";
                                                    params: {
                                                        /** @description The consent attribute set false, e.g. consent */
                                                        attribute: string | null;
                                                        channel: string;
                                                        /** @description The stop event, e.g. sms.stop */
                                                        event: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "control_group";
                                                    params: Record<string, never>;
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "no_free_time";
                                                    /** @description No time free of caps and quiet hours was found */
                                                    params: Record<string, never>;
                                                })[] | null;
                                                suppressedBy: ({
                                                    /** @enum {string} */
                                                    kind: "quiet_hours";
                                                    params: {
                                                        /** @description HH:MM */
                                                        from: string;
                                                        /** @description The clock they were read on */
                                                        timeZone: string;
                                                        /** @description HH:MM */
                                                        to: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "holiday";
                                                    params: {
                                                        calendar: string;
                                                        /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                                        date: string;
                                                        /** @description The holiday's name in the calendar; null for a weekend */
                                                        name: string | null;
                                                        /** @description The day it goes out instead, YYYY-MM-DD */
                                                        nextWorkday: string;
                                                        timeZone: string;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cap";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        /** @description A duration: 1d, 7d, 12h */
                                                        per: string;
                                                        scope: "workspace" | "flow";
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "cooling";
                                                    params: {
                                                        /** @description The channel the cap counts, null: all channels */
                                                        channel: string | null;
                                                        max: number;
                                                        per: string;
                                                        /** @description The cooling rule's name */
                                                        rule: string;
                                                        /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                                        segment: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "consent";
                                                    params: {
                                                        /** @description The consent attribute set false, e.g. consent */
                                                        attribute: string | null;
                                                        channel: string;
                                                        /** @description The stop event, e.g. sms.stop */
                                                        event: string | null;
                                                    };
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "control_group";
                                                    params: Record<string, never>;
                                                } | {
                                                    /** @enum {string} */
                                                    kind: "no_free_time";
                                                    /** @description No time free of caps and quiet hours was found */
                                                    params: Record<string, never>;
                                                }) | (never | null);
                                                /** @description The contact's timezone (else the journey's) times are told in */
                                                timeZone: string | null;
                                            } | null;
                                            /** @description The channel it would go through, or outbox */
                                            provider: string;
                                            /** Format: date-time */
                                            sendAt: string;
                                            /** @description The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00 */
                                            sendAtLocal: string;
                                            /**
                                             * @description sent: would go out at sendAt; suppressed: a policy stops it (suppressedBy); scheduled: due after the horizon
                                             * @enum {string}
                                             */
                                            status: "sent" | "suppressed" | "scheduled" | "failed";
                                            subject: string | null;
                                            /** @description The rule that stops it (consent, a cap) */
                                            suppressedBy: string | null;
                                            /** @description The rendered message */
                                            text: string;
                                            to: string;
                                        };
                                        node: string;
                                        type: string;
                                        /** Format: date-time */
                                        until: string | null;
                                        /** @description The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00 */
                                        untilLocal: string | null;
                                    } | null;
                                }[];
                                /** @enum {string} */
                                source: "stored" | "inline";
                                /** @description The zone its local times are in: its own timezone attribute, else the flow's */
                                timezone: string;
                            }[];
                            /** @description Wall time the simulation took */
                            elapsedMs: number;
                            flow: {
                                draft: boolean;
                                id: string;
                                /** @description The version simulated; null for the draft */
                                version: number | null;
                            };
                            /** Format: date-time */
                            from: string;
                            /** @description The flow's timezone (message days are counted in it) */
                            timezone: string;
                            /** Format: date-time */
                            to: string;
                            totals: {
                                /** @description Contacts simulated */
                                contacts: number;
                                /** @description Contacts that entered the journey at least once */
                                entered: number;
                                /** @description Runs that met the flow's goal */
                                goalReached: number;
                                messages: {
                                    channel: string;
                                    /** @description YYYY-MM-DD in the flow's timezone, by send time */
                                    day: string;
                                    /** @description Of those, held back by a rule first */
                                    deferred: number;
                                    /** @description Would go out that day (deferred ones included) */
                                    sent: number;
                                    suppressed: number;
                                }[];
                                rules: {
                                    deferred: number;
                                    policyRule: ({
                                        /** @enum {string} */
                                        kind: "quiet_hours";
                                        params: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description The clock they were read on */
                                            timeZone: string;
                                            /** @description HH:MM */
                                            to: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "holiday";
                                        params: {
                                            calendar: string;
                                            /** @description The first day off it skipped, YYYY-MM-DD on the contact's clock */
                                            date: string;
                                            /** @description The holiday's name in the calendar; null for a weekend */
                                            name: string | null;
                                            /** @description The day it goes out instead, YYYY-MM-DD */
                                            nextWorkday: string;
                                            timeZone: string;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cap";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            /** @description A duration: 1d, 7d, 12h */
                                            per: string;
                                            scope: "workspace" | "flow";
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "cooling";
                                        params: {
                                            /** @description The channel the cap counts, null: all channels */
                                            channel: string | null;
                                            max: number;
                                            per: string;
                                            /** @description The cooling rule's name */
                                            rule: string;
                                            /** @description Its audience's segment name (its id when the segment is gone); null for an inline condition */
                                            segment: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "consent";
                                        params: {
                                            /** @description The consent attribute set false, e.g. consent */
                                            attribute: string | null;
                                            channel: string;
                                            /** @description The stop event, e.g. sms.stop */
                                            event: string | null;
                                        };
                                    } | {
                                        /** @enum {string} */
                                        kind: "control_group";
                                        params: Record<string, never>;
                                    } | {
                                        /** @enum {string} */
                                        kind: "no_free_time";
                                        /** @description No time free of caps and quiet hours was found */
                                        params: Record<string, never>;
                                    }) | (never | null);
                                    /** @description The rule as the sentence a delivery records (deferredBy, suppressedBy) */
                                    rule: string;
                                    suppressed: number;
                                }[];
                                runs: {
                                    cancelled: number;
                                    completed: number;
                                    exited: number;
                                    failed: number;
                                    running: number;
                                    waiting: number;
                                };
                                steps: {
                                    /** @description Distinct contacts that passed through */
                                    contacts: number;
                                    label: string | null;
                                    node: string;
                                    steps: number;
                                    type: string;
                                    /** @description Runs waiting there when the horizon ends */
                                    waiting: number;
                                }[];
                            };
                            warnings: {
                                code: string;
                                contact?: string;
                                message: string;
                            }[];
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
    "/api/flows/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Runs that took each edge, keyed source:port */
                            edges: {
                                [key: string]: number;
                            };
                            flowId: string;
                            /** @description By node id */
                            nodes: {
                                [key: string]: {
                                    /** @description Went on through a port, or ended at an exit node */
                                    completed: number;
                                    entered: number;
                                    /** @description Left the journey here early: an exitOn event or a cancel */
                                    exited: number;
                                    failed: number;
                                    waiting: number;
                                };
                            };
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
    "/api/flows/{id}/stuck-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Runs of the flow that are stuck: waiting past their wake time or running without progress for longer than olderThan, or failed (with the error) */
        get: {
            parameters: {
                query?: {
                    /** @description Only runs with an id below this (paging) */
                    before?: string;
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    node?: string;
                    /** @description How late a waiting or running run must be to count as stuck (default 5m); failed runs are listed at any age */
                    olderThan?: string;
                    /** @description overdue: waiting past its wake time; stalled: running (due now) with no progress; failed: a step failed */
                    reason?: "overdue" | "stalled" | "failed";
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                failed: number;
                                overdue: number;
                                stalled: number;
                            };
                            olderThan: string;
                            runs: {
                                contact: string;
                                error: string | null;
                                flowVersion: number;
                                id: string;
                                lateSeconds: number;
                                nodeId: string;
                                /** @description overdue: waiting past its wake time; stalled: running (due now) with no progress; failed: a step failed */
                                reason: "overdue" | "stalled" | "failed";
                                /** Format: date-time */
                                since: string;
                                status: string;
                                waitingFor: string | null;
                            }[];
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
    "/api/flows/{id}/ticks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    /** @description Only this trigger node */
                    node?: string;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The next tick queued for each schedule trigger */
                            next: {
                                /** Format: date-time */
                                at: string;
                                node: string;
                            }[];
                            /** @description Newest first */
                            ticks: {
                                entered: number;
                                /** Format: date-time */
                                finishedAt: string | null;
                                flowVersion: number;
                                id: string;
                                node: string;
                                /** @description Matched the audience but not let in (reentry) */
                                notEntered: number;
                                /** @description Why it was skipped, stopped or failed */
                                reason: string | null;
                                /** Format: date-time */
                                startedAt: string;
                                /** @enum {string} */
                                status: "running" | "done" | "skipped" | "stopped" | "failed";
                                /** Format: date-time */
                                tickAt: string;
                            }[];
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
    "/api/flows/{id}/upcoming": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    /** @description Only this trigger node */
                    node?: string;
                    /** @description Window ahead, e.g. 7d (default 7d, at most 3650d) */
                    within?: string;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Soonest first */
                            next: {
                                /** @description External id */
                                contact: string;
                                /** Format: date-time */
                                dueAt: string;
                                node: string;
                                /** @description What the moment is for: the date (repeat once), the year (yearly) */
                                occurrence: string | null;
                            }[];
                            triggers: {
                                count: number;
                                node: string;
                            }[];
                            within: {
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                            };
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
    "/api/flows/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: {
                                graph: {
                                    /** @default [] */
                                    edges: {
                                        id?: string;
                                        source: string;
                                        /** @default next */
                                        sourcePort: string;
                                        target: string;
                                    }[];
                                    nodes: {
                                        /** @default {} */
                                        config: {
                                            [key: string]: unknown;
                                        };
                                        /** @description Node id: letters, digits, _ and - */
                                        id: string;
                                        label?: string;
                                        position?: {
                                            x: number;
                                            y: number;
                                        };
                                        type: string;
                                        version?: number;
                                    }[];
                                    settings?: {
                                        caps?: {
                                            channel?: string;
                                            max: number;
                                            /** @description A duration such as 30m, 1d or 7d */
                                            per: string;
                                        }[];
                                        /** @default [] */
                                        exitOn: string[];
                                        goal?: {
                                            event: string;
                                            where?: {
                                                [key: string]: unknown;
                                            };
                                            /** @description A duration such as 30m, 1d or 7d */
                                            within: string;
                                        };
                                        onCap?: "suppress" | "wait";
                                        quietHours?: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description HH:MM */
                                            to: string;
                                        } | null;
                                        /** @default once */
                                        reentry: "once" | "always" | "after";
                                        /** @description A duration such as 30m, 1d or 7d */
                                        reentryAfter?: string;
                                        /** @default UTC */
                                        timezone: string;
                                    };
                                };
                                /** Format: date-time */
                                publishedAt: string;
                                /** @description Who published it: a person by name and email, or a key by its label */
                                publishedBy: string | null;
                                version: number;
                            }[];
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
    "/api/flows/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description A published version number */
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            graph: {
                                /** @default [] */
                                edges: {
                                    id?: string;
                                    source: string;
                                    /** @default next */
                                    sourcePort: string;
                                    target: string;
                                }[];
                                nodes: {
                                    /** @default {} */
                                    config: {
                                        [key: string]: unknown;
                                    };
                                    /** @description Node id: letters, digits, _ and - */
                                    id: string;
                                    label?: string;
                                    position?: {
                                        x: number;
                                        y: number;
                                    };
                                    type: string;
                                    version?: number;
                                }[];
                                settings?: {
                                    caps?: {
                                        channel?: string;
                                        max: number;
                                        /** @description A duration such as 30m, 1d or 7d */
                                        per: string;
                                    }[];
                                    /** @default [] */
                                    exitOn: string[];
                                    goal?: {
                                        event: string;
                                        where?: {
                                            [key: string]: unknown;
                                        };
                                        /** @description A duration such as 30m, 1d or 7d */
                                        within: string;
                                    };
                                    onCap?: "suppress" | "wait";
                                    quietHours?: {
                                        /** @description HH:MM */
                                        from: string;
                                        /** @description HH:MM */
                                        to: string;
                                    } | null;
                                    /** @default once */
                                    reentry: "once" | "always" | "after";
                                    /** @description A duration such as 30m, 1d or 7d */
                                    reentryAfter?: string;
                                    /** @default UTC */
                                    timezone: string;
                                };
                            };
                            /** Format: date-time */
                            publishedAt: string;
                            /** @description Who published it: a person by name and email, or a key by its label */
                            publishedBy: string | null;
                            version: number;
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
    "/api/node-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nodeTypes: {
                                /** @enum {string} */
                                category: "trigger" | "wait" | "logic" | "action" | "exit";
                                /** @description JSON Schema of the node's config; the editor draws its form from it */
                                configSchema: {
                                    [key: string]: unknown;
                                };
                                description: string | null;
                                /** @description Ports depend on the config: ask POST /api/node-types/ports */
                                dynamicPorts: boolean;
                                /** @description The node's own translations keyed by language tag (zh-CN); empty when it ships none, and the editor shows the English */
                                i18n: {
                                    [key: string]: {
                                        description?: string;
                                        /** @description Keyed by field path: `event`, `task.due`, `branches.port` (list items without the index) */
                                        fields?: {
                                            [key: string]: {
                                                description?: string;
                                                /** @description Labels of the field's values, keyed by value */
                                                enum?: {
                                                    [key: string]: string;
                                                };
                                                title?: string;
                                            };
                                        };
                                        /** @description Port labels keyed by port name */
                                        ports?: {
                                            [key: string]: string;
                                        };
                                        title: string;
                                    };
                                };
                                /** @description For an empty config when dynamicPorts */
                                ports: string[];
                                title: string;
                                type: string;
                                version: number;
                            }[];
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
    "/api/node-types/ports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        nodes: {
                            config: {
                                [key: string]: unknown;
                            };
                            type: string;
                            version?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Per node asked, in order; null for an unknown type or a config too incomplete to tell */
                            ports: (string[] | null)[];
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
    "/api/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plugins: {
                                /** @enum {string} */
                                as: "folder of packages" | "package";
                                /** @description The channel kinds it registered (kairos.channels), e.g. whatsapp.cloud */
                                channelKinds: string[];
                                /** @description The configured folder this path was found through */
                                configured: string;
                                /** @description The definition that failed the package, as module: type@version */
                                definition?: string;
                                /** @description Same as reason for failed (kept for older clients) */
                                error?: string;
                                nodeTypes: string[];
                                /** @description The package name, or the path when it has none */
                                package: string;
                                path: string;
                                /** @description Why it was skipped, failed or missing */
                                reason?: string;
                                /** @enum {string} */
                                status: "loaded" | "skipped" | "failed" | "missing";
                                version?: string;
                            }[];
                            /** @description Hash of what loaded: the same in every process running the same plugins */
                            pluginSet: string;
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
    "/api/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description At most `max` marketing messages per contact within `per`, on `channel` or all
                             * @default []
                             */
                            caps: {
                                channel?: string;
                                max: number;
                                /** @description A duration such as 30m, 1d or 7d */
                                per: string;
                            }[];
                            /**
                             * @default {
                             *       "attribute": "consent",
                             *       "channels": [
                             *         "sms",
                             *         "email",
                             *         "call"
                             *       ],
                             *       "stopEvents": []
                             *     }
                             */
                            consent: {
                                /**
                                 * @description Contact attribute holding { <channel>: false } opt-outs
                                 * @default consent
                                 */
                                attribute: string;
                                /**
                                 * @description Channels consent guards
                                 * @default [
                                 *       "sms",
                                 *       "email",
                                 *       "call"
                                 *     ]
                                 */
                                channels: string[];
                                /** @default [] */
                                stopEvents: {
                                    /** @description The channel the event opts out of, e.g. sms */
                                    channel: string;
                                    /** @description Event name that opts them back in, e.g. sms.start */
                                    start?: string;
                                    /** @description Event name that opts the contact out, e.g. sms.stop */
                                    stop: string;
                                }[];
                            };
                            /**
                             * @description A stable share of contacts who get no marketing message from any journey (docs/experiments.md)
                             * @default null
                             */
                            controlGroup: {
                                /** @description Share of contacts held out of every marketing message, 0 to 50 (0: none, the group paused) */
                                percent: number;
                                /** @description Chosen by Kairos when the group is first set and kept when left out; a new salt draws a new group */
                                salt?: string;
                            } | null;
                            /**
                             * @description Tighter caps for an audience (a saved segment or a condition), on top of `caps`
                             * @default []
                             */
                            cooling: {
                                /** @description A saved segment or a condition: exactly one */
                                audience: {
                                    /** @description A condition tree: all / any / not, attribute, tag or event (docs/segments.md) */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    /**
                                     * Format: uuid
                                     * @description A saved segment (GET /api/segments) whose members the rule covers
                                     */
                                    segment?: string;
                                };
                                /** @description At most `max` marketing messages within `per`, on `channel` or all */
                                caps: {
                                    channel?: string;
                                    max: number;
                                    /** @description A duration such as 30m, 1d or 7d */
                                    per: string;
                                }[];
                                /** @description Shown in suppression reasons, e.g. Complained */
                                name: string;
                            }[];
                            /**
                             * @description No marketing message on the public holidays of an uploaded calendar
                             * @default null
                             */
                            holidays: {
                                /** @description holidays (the default): public holidays only; non-workdays: weekends too, make-up workdays excepted */
                                avoid?: "holidays" | "non-workdays";
                                /** @description The uploaded calendar, e.g. cn-mainland */
                                calendar: string;
                            } | null;
                            /**
                             * @description A capped message is suppressed, or waits for the window to free up
                             * @default suppress
                             */
                            onCap: "suppress" | "wait";
                            /**
                             * @description No marketing message between from and to in the contact's timezone
                             * @default null
                             */
                            quietHours: {
                                /** @description HH:MM */
                                from: string;
                                /** @description HH:MM */
                                to: string;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
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
                        /**
                         * @description At most `max` marketing messages per contact within `per`, on `channel` or all
                         * @default []
                         */
                        caps?: {
                            channel?: string;
                            max: number;
                            /** @description A duration such as 30m, 1d or 7d */
                            per: string;
                        }[];
                        /**
                         * @default {
                         *       "attribute": "consent",
                         *       "channels": [
                         *         "sms",
                         *         "email",
                         *         "call"
                         *       ],
                         *       "stopEvents": []
                         *     }
                         */
                        consent?: {
                            /**
                             * @description Contact attribute holding { <channel>: false } opt-outs
                             * @default consent
                             */
                            attribute?: string;
                            /**
                             * @description Channels consent guards
                             * @default [
                             *       "sms",
                             *       "email",
                             *       "call"
                             *     ]
                             */
                            channels?: string[];
                            /** @default [] */
                            stopEvents?: {
                                /** @description The channel the event opts out of, e.g. sms */
                                channel: string;
                                /** @description Event name that opts them back in, e.g. sms.start */
                                start?: string;
                                /** @description Event name that opts the contact out, e.g. sms.stop */
                                stop: string;
                            }[];
                        };
                        /**
                         * @description A stable share of contacts who get no marketing message from any journey (docs/experiments.md)
                         * @default null
                         */
                        controlGroup?: {
                            /** @description Share of contacts held out of every marketing message, 0 to 50 (0: none, the group paused) */
                            percent: number;
                            /** @description Chosen by Kairos when the group is first set and kept when left out; a new salt draws a new group */
                            salt?: string;
                        } | null;
                        /**
                         * @description Tighter caps for an audience (a saved segment or a condition), on top of `caps`
                         * @default []
                         */
                        cooling?: {
                            /** @description A saved segment or a condition: exactly one */
                            audience: {
                                /** @description A condition tree: all / any / not, attribute, tag or event (docs/segments.md) */
                                condition?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: uuid
                                 * @description A saved segment (GET /api/segments) whose members the rule covers
                                 */
                                segment?: string;
                            };
                            /** @description At most `max` marketing messages within `per`, on `channel` or all */
                            caps: {
                                channel?: string;
                                max: number;
                                /** @description A duration such as 30m, 1d or 7d */
                                per: string;
                            }[];
                            /** @description Shown in suppression reasons, e.g. Complained */
                            name: string;
                        }[];
                        /**
                         * @description No marketing message on the public holidays of an uploaded calendar
                         * @default null
                         */
                        holidays?: {
                            /** @description holidays (the default): public holidays only; non-workdays: weekends too, make-up workdays excepted */
                            avoid?: "holidays" | "non-workdays";
                            /** @description The uploaded calendar, e.g. cn-mainland */
                            calendar: string;
                        } | null;
                        /**
                         * @description A capped message is suppressed, or waits for the window to free up
                         * @default suppress
                         */
                        onCap?: "suppress" | "wait";
                        /**
                         * @description No marketing message between from and to in the contact's timezone
                         * @default null
                         */
                        quietHours?: {
                            /** @description HH:MM */
                            from: string;
                            /** @description HH:MM */
                            to: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description At most `max` marketing messages per contact within `per`, on `channel` or all
                             * @default []
                             */
                            caps: {
                                channel?: string;
                                max: number;
                                /** @description A duration such as 30m, 1d or 7d */
                                per: string;
                            }[];
                            /**
                             * @default {
                             *       "attribute": "consent",
                             *       "channels": [
                             *         "sms",
                             *         "email",
                             *         "call"
                             *       ],
                             *       "stopEvents": []
                             *     }
                             */
                            consent: {
                                /**
                                 * @description Contact attribute holding { <channel>: false } opt-outs
                                 * @default consent
                                 */
                                attribute: string;
                                /**
                                 * @description Channels consent guards
                                 * @default [
                                 *       "sms",
                                 *       "email",
                                 *       "call"
                                 *     ]
                                 */
                                channels: string[];
                                /** @default [] */
                                stopEvents: {
                                    /** @description The channel the event opts out of, e.g. sms */
                                    channel: string;
                                    /** @description Event name that opts them back in, e.g. sms.start */
                                    start?: string;
                                    /** @description Event name that opts the contact out, e.g. sms.stop */
                                    stop: string;
                                }[];
                            };
                            /**
                             * @description A stable share of contacts who get no marketing message from any journey (docs/experiments.md)
                             * @default null
                             */
                            controlGroup: {
                                /** @description Share of contacts held out of every marketing message, 0 to 50 (0: none, the group paused) */
                                percent: number;
                                /** @description Chosen by Kairos when the group is first set and kept when left out; a new salt draws a new group */
                                salt?: string;
                            } | null;
                            /**
                             * @description Tighter caps for an audience (a saved segment or a condition), on top of `caps`
                             * @default []
                             */
                            cooling: {
                                /** @description A saved segment or a condition: exactly one */
                                audience: {
                                    /** @description A condition tree: all / any / not, attribute, tag or event (docs/segments.md) */
                                    condition?: {
                                        [key: string]: unknown;
                                    };
                                    /**
                                     * Format: uuid
                                     * @description A saved segment (GET /api/segments) whose members the rule covers
                                     */
                                    segment?: string;
                                };
                                /** @description At most `max` marketing messages within `per`, on `channel` or all */
                                caps: {
                                    channel?: string;
                                    max: number;
                                    /** @description A duration such as 30m, 1d or 7d */
                                    per: string;
                                }[];
                                /** @description Shown in suppression reasons, e.g. Complained */
                                name: string;
                            }[];
                            /**
                             * @description No marketing message on the public holidays of an uploaded calendar
                             * @default null
                             */
                            holidays: {
                                /** @description holidays (the default): public holidays only; non-workdays: weekends too, make-up workdays excepted */
                                avoid?: "holidays" | "non-workdays";
                                /** @description The uploaded calendar, e.g. cn-mainland */
                                calendar: string;
                            } | null;
                            /**
                             * @description A capped message is suppressed, or waits for the window to free up
                             * @default suppress
                             */
                            onCap: "suppress" | "wait";
                            /**
                             * @description No marketing message between from and to in the contact's timezone
                             * @default null
                             */
                            quietHours: {
                                /** @description HH:MM */
                                from: string;
                                /** @description HH:MM */
                                to: string;
                            } | null;
                            /** Format: date-time */
                            updatedAt: string | null;
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
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    before?: string;
                    contact?: string;
                    flow?: string;
                    /** @description Page size, 1–1000 (default 100) */
                    limit?: string;
                    status?: "running" | "waiting" | "completed" | "exited" | "failed" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: {
                                /** @description The contact's external id */
                                contact: string;
                                contactId: string;
                                /** Format: date-time */
                                enteredAt: string;
                                error: string | null;
                                exitReason: string | null;
                                /** Format: date-time */
                                finishedAt: string | null;
                                flowId: string;
                                flowVersion: number;
                                id: string;
                                /** Format: date-time */
                                nodeEnteredAt: string;
                                /** @description The node it is at, or ended on */
                                nodeId: string;
                                /** @enum {string} */
                                status: "running" | "waiting" | "completed" | "exited" | "failed" | "cancelled";
                                /** @description What let the contact in: the event, or a schedule tick, date or attribute change shown as one */
                                trigger: {
                                    id: string;
                                    name: string;
                                    /** Format: date-time */
                                    occurredAt: string;
                                    properties: {
                                        [key: string]: unknown;
                                    };
                                } | null;
                                /** @description The event it waits for */
                                waitingFor: string | null;
                                /** @description The message it waits for: its delivery, and when and by which policy rule it was held back (then wakeAt is sendAt plus the 7 days its answer may take) */
                                waitingForMessage: {
                                    deferredBy: string | null;
                                    delivery: string;
                                    /** Format: date-time */
                                    sendAt: string | null;
                                } | null;
                                /** Format: date-time */
                                wakeAt: string | null;
                            }[];
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
    "/api/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The contact's external id */
                            contact: string;
                            contactId: string;
                            /** Format: date-time */
                            enteredAt: string;
                            error: string | null;
                            exitReason: string | null;
                            /** Format: date-time */
                            finishedAt: string | null;
                            flowId: string;
                            flowVersion: number;
                            id: string;
                            /** Format: date-time */
                            nodeEnteredAt: string;
                            /** @description The node it is at, or ended on */
                            nodeId: string;
                            /** @enum {string} */
                            status: "running" | "waiting" | "completed" | "exited" | "failed" | "cancelled";
                            steps: {
                                /** Format: date-time */
                                enteredAt: string;
                                error: string | null;
                                /** Format: date-time */
                                leftAt: string;
                                node: string;
                                nodeType: string;
                                nodeVersion: number;
                                /**
                                 * @description migrated: the run moved to another step of a newer version here, when it was published (docs/versions.md)
                                 * @enum {string}
                                 */
                                outcome: "port" | "exit" | "error" | "migrated";
                                port: string | null;
                                /** @description What the node returned (its port, wait or exit, and what it recorded) */
                                result: unknown;
                                seq: number;
                            }[];
                            /** @description What let the contact in: the event, or a schedule tick, date or attribute change shown as one */
                            trigger: {
                                id: string;
                                name: string;
                                /** Format: date-time */
                                occurredAt: string;
                                properties: {
                                    [key: string]: unknown;
                                };
                            } | null;
                            /** @description The event it waits for */
                            waitingFor: string | null;
                            /** @description The message it waits for: its delivery, and when and by which policy rule it was held back (then wakeAt is sendAt plus the 7 days its answer may take) */
                            waitingForMessage: {
                                deferredBy: string | null;
                                delivery: string;
                                /** Format: date-time */
                                sendAt: string | null;
                            } | null;
                            /** Format: date-time */
                            wakeAt: string | null;
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
    "/api/runs/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Ends the selected running, waiting or failed runs as cancelled; their waits, timeouts and queued messages go with them */
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
                        /** Format: uuid */
                        flowId?: string;
                        ids?: string[];
                        node?: string;
                        status?: "running" | "waiting" | "failed";
                        /** @description Only runs stuck at least this long (waiting past wake time, running without progress) and failed runs */
                        stuckFor?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancelled: number;
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
    "/api/runs/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sends the selected failed runs back to the node they failed at; what that step had already sent is not sent again */
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
                        /** Format: uuid */
                        flowId?: string;
                        ids?: string[];
                        node?: string;
                        status?: "running" | "waiting" | "failed";
                        /** @description Only runs stuck at least this long (waiting past wake time, running without progress) and failed runs */
                        stuckFor?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            retried: number;
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
    "/api/sales-reps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            salesReps: {
                                available: boolean;
                                email: string | null;
                                id: string;
                                name: string;
                                openTasks: number;
                                phone: string | null;
                                team: string | null;
                                wecomId: string | null;
                            }[];
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
    "/api/sales-reps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: boolean;
                            email: string | null;
                            id: string;
                            name: string;
                            openTasks: number;
                            phone: string | null;
                            team: string | null;
                            wecomId: string | null;
                        };
                    };
                };
            };
        };
        put: {
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
                        available?: boolean;
                        /** Format: email */
                        email?: string | null;
                        name: string;
                        phone?: string | null;
                        team?: string | null;
                        wecomId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: boolean;
                            email: string | null;
                            id: string;
                            name: string;
                            phone: string | null;
                            team: string | null;
                            wecomId: string | null;
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
    "/api/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            segments: {
                                /** @description A condition tree: all / any / not, attribute, tag or event */
                                condition: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /** @description A condition tree: all / any / not, attribute, tag or event (see docs/segments.md) */
                        condition: unknown;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A condition tree: all / any / not, attribute, tag or event */
                            condition: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
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
    "/api/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A condition tree: all / any / not, attribute, tag or event */
                            condition: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put: {
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
                        /** @description A condition tree: all / any / not, attribute, tag or event (see docs/segments.md) */
                        condition?: unknown;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A condition tree: all / any / not, attribute, tag or event */
                            condition: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        post?: never;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/segments/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Contacts to return, 0–100 (default 10) */
                    sample?: string;
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            sample: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                externalId: string;
                                id: string;
                                /** @description The sales rep who owns the contact */
                                ownerId: string | null;
                                tags: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
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
    "/api/segments/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description A condition tree: all / any / not, attribute, tag or event (see docs/segments.md) */
                        condition: unknown;
                        /** @description Contacts to return (default 10) */
                        sample?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            sample: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                externalId: string;
                                id: string;
                                /** @description The sales rep who owns the contact */
                                ownerId: string | null;
                                tags: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
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
    "/api/starters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            starters: {
                                /** @description What a team changes before publishing */
                                adapt: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                description: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                id: string;
                                languages: ("en" | "zh-CN")[];
                                name: {
                                    en: string;
                                    "zh-CN": string;
                                };
                                needs: {
                                    channels: {
                                        /** @description The placeholder the import binds, e.g. sms-marketing */
                                        key: string;
                                        /** @description The channel kind the steps need, e.g. sms.http */
                                        kind: string;
                                        /** @description Every kind the steps take */
                                        kinds: string[];
                                        label: {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                        /** @description The steps that use it */
                                        nodes: string[];
                                    }[];
                                    pools: {
                                        /** @description The placeholder the import binds, e.g. sms-marketing */
                                        key: string;
                                        label: {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                        /** @description The steps that use it */
                                        nodes: string[];
                                    }[];
                                    segments: {
                                        /** @description The placeholder the import binds, e.g. sms-marketing */
                                        key: string;
                                        label: {
                                            en: string;
                                            "zh-CN": string;
                                        };
                                        /** @description The steps that use it */
                                        nodes: string[];
                                        /** @description A segment the import dialog can create when the team has none yet */
                                        suggested: {
                                            condition: {
                                                [key: string]: unknown;
                                            };
                                            name: {
                                                en: string;
                                                "zh-CN": string;
                                            };
                                        } | null;
                                    }[];
                                };
                                nodeCount: number;
                                /** @description The type of the step that starts it */
                                trigger: string;
                            }[];
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
    "/api/starters/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description Placeholder key → the name of a channel of the kind the starter needs */
                        channels?: {
                            [key: string]: string;
                        };
                        /**
                         * @description The language of the step names and message texts
                         * @default en
                         */
                        language?: "en" | "zh-CN";
                        /** @description The journey's name; default the starter's name in the language */
                        name?: string;
                        /** @description Placeholder key → the id of a coupon pool */
                        pools?: {
                            [key: string]: string;
                        };
                        /** @description Placeholder key → the id of a saved segment */
                        segments?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flow: {
                                /** Format: date-time */
                                createdAt: string;
                                graph: {
                                    /** @default [] */
                                    edges: {
                                        id?: string;
                                        source: string;
                                        /** @default next */
                                        sourcePort: string;
                                        target: string;
                                    }[];
                                    nodes: {
                                        /** @default {} */
                                        config: {
                                            [key: string]: unknown;
                                        };
                                        /** @description Node id: letters, digits, _ and - */
                                        id: string;
                                        label?: string;
                                        position?: {
                                            x: number;
                                            y: number;
                                        };
                                        type: string;
                                        version?: number;
                                    }[];
                                    settings?: {
                                        caps?: {
                                            channel?: string;
                                            max: number;
                                            /** @description A duration such as 30m, 1d or 7d */
                                            per: string;
                                        }[];
                                        /** @default [] */
                                        exitOn: string[];
                                        goal?: {
                                            event: string;
                                            where?: {
                                                [key: string]: unknown;
                                            };
                                            /** @description A duration such as 30m, 1d or 7d */
                                            within: string;
                                        };
                                        onCap?: "suppress" | "wait";
                                        quietHours?: {
                                            /** @description HH:MM */
                                            from: string;
                                            /** @description HH:MM */
                                            to: string;
                                        } | null;
                                        /** @default once */
                                        reentry: "once" | "always" | "after";
                                        /** @description A duration such as 30m, 1d or 7d */
                                        reentryAfter?: string;
                                        /** @default UTC */
                                        timezone: string;
                                    };
                                };
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description The version new runs enter; null until first published */
                                publishedVersion: number | null;
                                /** @enum {string} */
                                status: "draft" | "active" | "paused" | "archived";
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            /** @description References the import left unbound: publishing names each until the draft fills it in */
                            unbound: {
                                /** @description The config field publishing will flag until it is filled in, e.g. config.pool */
                                field: string;
                                key: string;
                                /** @enum {string} */
                                kind: "channel" | "pool" | "segment";
                                node: string;
                            }[];
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
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    contact?: string;
                    limit?: string;
                    rep?: string;
                    status?: "open" | "done" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tasks: {
                                /** Format: date-time */
                                completedAt: string | null;
                                /** @description External id */
                                contact: string;
                                /** @description The contact's name attribute */
                                contactName: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                dueAt: string;
                                id: string;
                                /** @description The journey whose run created the task */
                                journey: {
                                    id: string;
                                    name: string;
                                } | null;
                                /** @enum {string} */
                                kind: "follow_up" | "call";
                                notes: string | null;
                                outcome: string | null;
                                repId: string | null;
                                runId: string | null;
                                /** @enum {string} */
                                status: "open" | "done" | "cancelled";
                                title: string;
                            }[];
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
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            completedAt: string | null;
                            /** @description External id */
                            contact: string;
                            /** @description The contact's name attribute */
                            contactName: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            id: string;
                            /** @description The journey whose run created the task */
                            journey: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {string} */
                            kind: "follow_up" | "call";
                            notes: string | null;
                            outcome: string | null;
                            repId: string | null;
                            runId: string | null;
                            /** @enum {string} */
                            status: "open" | "done" | "cancelled";
                            title: string;
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
    "/api/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        notes?: string;
                        outcome?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            completedAt: string | null;
                            /** @description External id */
                            contact: string;
                            /** @description The contact's name attribute */
                            contactName: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            dueAt: string;
                            id: string;
                            /** @description The journey whose run created the task */
                            journey: {
                                id: string;
                                name: string;
                            } | null;
                            /** @enum {string} */
                            kind: "follow_up" | "call";
                            notes: string | null;
                            outcome: string | null;
                            repId: string | null;
                            runId: string | null;
                            /** @enum {string} */
                            status: "open" | "done" | "cancelled";
                            title: string;
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
    "/api/templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description External id of a contact to render for */
                        contact?: string;
                        event?: {
                            name: string;
                            properties?: {
                                [key: string]: unknown;
                            };
                        };
                        template: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Variables the template reads that have no value for this contact and event (they render as nothing), e.g. contact.tier, coupon.code; those with a default filter are left out */
                            missing: string[];
                            text: string;
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
    "/api/templates/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description External id of the preview contact: their events first */
                    contact?: string;
                    /** @description The trigger's event name: recent events of it and their property keys */
                    event?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Attribute keys contacts have (any contact), sorted */
                            attributes: string[];
                            /** @description Property keys of the recent events below */
                            eventProperties: string[];
                            /** @description Recent events of the asked name, the contact's own first, newest first (at most 10) */
                            events: {
                                /** @description External id */
                                contact: string;
                                id: string;
                                name: string;
                                /** Format: date-time */
                                occurredAt: string;
                                properties: {
                                    [key: string]: unknown;
                                };
                            }[];
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
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** Format: date-time */
                                lastLoginAt: string | null;
                                name: string;
                                /** @description admin | editor | viewer | sales */
                                role: "admin" | "editor" | "viewer" | "sales";
                                salesRepId: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /** @description Email address (the login name) */
                        email: string;
                        name: string;
                        /** @description At least 10 characters */
                        password: string;
                        /** @description admin | editor | viewer | sales */
                        role: "admin" | "editor" | "viewer" | "sales";
                        /** @description Sales rep this user is (role sales) */
                        salesRepId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            id: string;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            name: string;
                            /** @description admin | editor | viewer | sales */
                            role: "admin" | "editor" | "viewer" | "sales";
                            salesRepId: string | null;
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
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Id (a UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            id: string;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            name: string;
                            /** @description admin | editor | viewer | sales */
                            role: "admin" | "editor" | "viewer" | "sales";
                            salesRepId: string | null;
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
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Id (a UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        name?: string;
                        /** @description At least 10 characters */
                        password?: string;
                        /** @description admin | editor | viewer | sales */
                        role?: "admin" | "editor" | "viewer" | "sales";
                        /** @description Sales rep this user is (role sales) */
                        salesRepId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            id: string;
                            /** Format: date-time */
                            lastLoginAt: string | null;
                            name: string;
                            /** @description admin | editor | viewer | sales */
                            role: "admin" | "editor" | "viewer" | "sales";
                            salesRepId: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/c/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A tracked short link: redirects to its target and records the click */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The code after /c/ in the short link */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Redirect (Location) to the link's stored target; the first counted click of a delivery emits message.clicked */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Unknown code (or a preview link): a page saying so, never a redirect */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
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
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
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
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics of this process (text format); needs an admin or a key with scope metrics */
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description The Prometheus text format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
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
    "/o/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description An email's open pixel (<code>.gif): records the open */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description <code>.gif, the open pixel of an email */
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description The 1×1 transparent GIF; the first counted load of a delivery's pixel emits message.opened */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
                    };
                };
                /** @description Unknown code: the same GIF, so a mail client shows nothing broken */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/gif": string;
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
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ok, or why not */
                            database?: string;
                            /** @description Hash of the loaded plugin set (as GET /api/plugins) */
                            pluginSet: string;
                            /** @description api, worker or all */
                            role?: string;
                            /** @enum {string} */
                            status: "ready";
                            /** @description The in-process worker: running, stopped or reconnecting since … */
                            worker?: string;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ok, or why not */
                            database?: string;
                            error: {
                                /**
                                 * @description A code of the error catalog (README, Errors)
                                 * @enum {string}
                                 */
                                code: "KAIROS_VALIDATION" | "KAIROS_FLOW_INVALID" | "KAIROS_UNAUTHORIZED" | "KAIROS_FORBIDDEN" | "KAIROS_CSRF" | "KAIROS_NOT_FOUND" | "KAIROS_CONFLICT" | "KAIROS_PAYLOAD_TOO_LARGE" | "KAIROS_URI_TOO_LONG" | "KAIROS_UNSUPPORTED_MEDIA_TYPE" | "KAIROS_RATE_LIMITED" | "KAIROS_NOT_READY" | "KAIROS_INTERNAL";
                                details: {
                                    /** @description Where, e.g. body.events[3].name */
                                    field: string;
                                    message: string;
                                    /** @description The flow node at fault, for flow problems */
                                    node?: string | null;
                                }[];
                                /** @description What was wrong, naming the field */
                                message: string;
                            };
                            /** @description Hash of the loaded plugin set (as GET /api/plugins) */
                            pluginSet: string;
                            /** @description api, worker or all */
                            role?: string;
                            /** @enum {string} */
                            status: "not ready";
                            /** @description The in-process worker: running, stopped or reconnecting since … */
                            worker?: string;
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
    "/v1/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        batch: {
                            /** @description The visitor id a browser made up; userId or anonymousId is required */
                            anonymousId?: string | number;
                            context?: {
                                [key: string]: unknown;
                            };
                            event?: string;
                            integrations?: {
                                [key: string]: unknown;
                            };
                            /** @description Idempotency id: a repeat is accepted and ignored */
                            messageId?: string;
                            name?: string;
                            /** Format: date-time */
                            originalTimestamp?: string;
                            properties?: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            sentAt?: string;
                            /** Format: date-time */
                            timestamp?: string;
                            traits?: {
                                [key: string]: unknown;
                            };
                            /**
                             * @description track | identify | page | screen
                             * @enum {string}
                             */
                            type: "track" | "identify" | "page" | "screen";
                            /** @description The contact's external id */
                            userId?: string | number;
                            /** @description The public key, for senders that cannot set Authorization (sendBeacon) */
                            writeKey?: string;
                        }[];
                        context?: {
                            [key: string]: unknown;
                        };
                        integrations?: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        sentAt?: string;
                        writeKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description The visitor id a browser made up; userId or anonymousId is required */
                        anonymousId?: string | number;
                        context?: {
                            [key: string]: unknown;
                        };
                        integrations?: {
                            [key: string]: unknown;
                        };
                        /** @description Idempotency id: a repeat is accepted and ignored */
                        messageId?: string;
                        /** Format: date-time */
                        originalTimestamp?: string;
                        /** Format: date-time */
                        sentAt?: string;
                        /** Format: date-time */
                        timestamp?: string;
                        traits?: {
                            [key: string]: unknown;
                        };
                        /** @description The contact's external id */
                        userId?: string | number;
                        /** @description The public key, for senders that cannot set Authorization (sendBeacon) */
                        writeKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kairos.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description The snippet */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/javascript": string;
                    };
                };
                /** @description Not modified (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
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
    "/v1/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description The visitor id a browser made up; userId or anonymousId is required */
                        anonymousId?: string | number;
                        context?: {
                            [key: string]: unknown;
                        };
                        event: string;
                        integrations?: {
                            [key: string]: unknown;
                        };
                        /** @description Idempotency id: a repeat is accepted and ignored */
                        messageId?: string;
                        /** Format: date-time */
                        originalTimestamp?: string;
                        properties?: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        sentAt?: string;
                        /** Format: date-time */
                        timestamp?: string;
                        /** @description The contact's external id */
                        userId?: string | number;
                        /** @description The public key, for senders that cannot set Authorization (sendBeacon) */
                        writeKey?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
            };
        };
        delete?: never;
        options: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorReply"];
                    };
                };
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ErrorReply */
        ErrorReply: {
            error: {
                /**
                 * @description A code of the error catalog (README, Errors)
                 * @enum {string}
                 */
                code: "KAIROS_VALIDATION" | "KAIROS_FLOW_INVALID" | "KAIROS_UNAUTHORIZED" | "KAIROS_FORBIDDEN" | "KAIROS_CSRF" | "KAIROS_NOT_FOUND" | "KAIROS_CONFLICT" | "KAIROS_PAYLOAD_TOO_LARGE" | "KAIROS_URI_TOO_LONG" | "KAIROS_UNSUPPORTED_MEDIA_TYPE" | "KAIROS_RATE_LIMITED" | "KAIROS_NOT_READY" | "KAIROS_INTERNAL";
                details: {
                    /** @description Where, e.g. body.events[3].name */
                    field: string;
                    message: string;
                    /** @description The flow node at fault, for flow problems */
                    node?: string | null;
                }[];
                /** @description What was wrong, naming the field */
                message: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
