export interface paths {
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log of admin changes and sign-ins, newest first */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/links/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Use a one-time link (setting a password): signs in like POST /auth/sign-in */
        post: operations["redeemSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/links/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a one-time link is for, without using it */
        get: operations["getSignInLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in by the session cookie, with the CSRF token to send back */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password: sets the HttpOnly `session` cookie */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears the cookie (send X-CSRF-Token) */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every open incident in your units and the units below, with its level, step and open / overdue / escalated task counts
         * @description A bad filter answers 400 naming the parameter (unitId, playbook, level, hasOverdue); a unitId you cannot see answers 404, like one that does not exist.
         */
        get: operations["getBoard"];
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
        /** Whether this replica and its database answer */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the process answers (no database check) */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether to send traffic here; 503 names the reason otherwise */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents in the units you can read, newest first */
        get: operations["listIncidents"];
        put?: never;
        /** Open an incident on a playbook for a unit; it starts at the lowest level */
        post: operations["openIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incident with its open tasks and the events it accepts now */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send an event (raise or lower the level); 409 lists the events accepted now */
        post: operations["sendIncidentEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/migrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the incident onto a newer version of its playbook, at a state of that version you name */
        post: operations["migrateIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything that happened to the incident, in order, and who did it */
        get: operations["getIncidentTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: a notice whenever an incident you may read changes; refetch what you show of it
         * @description `event: change` with data `{"kind": "incident" | "task" | "notification", "incidentId", "unitId"}`, sent after the change committed, for incidents in your units and the units below (all for admins). `event: resync` when this replica may have missed changes (its database feed reconnected): refetch everything shown. A comment line every 15 s keeps proxies from closing the stream; `retry: 3000` tells browsers when to reconnect after a drop. The service ends each stream after 10 minutes (so access is checked again when the browser reconnects), and when the replica stops.
         */
        get: operations["streamChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is and the roles they hold now */
        get: operations["getMe"];
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
        /** Prometheus metrics (text format); admin token required */
        get: operations["scrapeMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages sent or being sent about incidents in the units you can read, newest first */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every person and service account, by name */
        get: operations["listPeople"];
        put?: never;
        /** Add a person or service account */
        post: operations["createPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One person */
        get: operations["getPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a person’s name, email, external id, admin flag, or deactivate them */
        patch: operations["updatePerson"];
        trace?: never;
    };
    "/people/{id}/sign-in-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Admins: a one-time link that invites a person or resets their password (shown once) */
        post: operations["createSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/playbooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The playbooks loaded, each at its current version */
        get: operations["listPlaybooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/playbooks/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current version of a playbook: levels, roles, parties, events, escalations, task templates */
        get: operations["getPlaybook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/playbooks/{key}/diagram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mermaid state diagram of the current version */
        get: operations["getPlaybookDiagram"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/playbooks/{key}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of a playbook, newest first, with how many incidents run on each */
        get: operations["listPlaybookVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/role-assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Role assignments (any window, deputies included), by unit and person */
        get: operations["listRoleAssignments"];
        put?: never;
        /** Give a person a role in a unit, optionally as a deputy for someone during a window */
        post: operations["assignRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/role-assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a role assignment; the answer is the assignment removed */
        delete: operations["unassignRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks in the units you can read; `assignee=me` for your own */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task, if you can read its incident or it is yours */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that an assignee has seen the task; again answers it unchanged */
        post: operations["acknowledgeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a task (its assignees, a superior of its role, or an admin); again on a done task answers it unchanged; a cancelled task is 409 */
        post: operations["completeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the task to a person or to a role's current holders (the assignee's superiors, or an admin) */
        post: operations["reassignTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tokens (never the token itself), newest first */
        get: operations["listTokens"];
        put?: never;
        /** Issue a token; the answer shows it once, only its hash is kept */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a token: it stops working on every replica within a second */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every unit, by id */
        get: operations["listUnits"];
        put?: never;
        /** Create a unit, under a parent or as a root */
        post: operations["createUnit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One unit */
        get: operations["getUnit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, move, re-zone a unit or replace its contacts */
        patch: operations["updateUnit"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ActiveAssignmentView: {
            /**
             * Format: uuid
             * @description set when held as a deputy for this person
             */
            deputyFor: string | null;
            /** @description that person's name */
            deputyForName: string | null;
            /**
             * @description a playbook role, or duty_officer / viewer
             * @example duty_officer
             */
            role: string;
            /** @example demo */
            unitId: string;
        };
        /**
         * @description shared: one task for the role; each: one copy per holder (this is one); all: done when every assignee has signed it off
         * @enum {string}
         */
        AssignMode: "shared" | "each" | "all";
        AuditEntry: {
            /**
             * @description unit.create, unit.update, person.create, person.update, role.assign, role.unassign, token.create, token.revoke…
             * @example role.assign
             */
            action: string;
            /** @description the actor’s name, or `system` */
            actor: string;
            /**
             * Format: uuid
             * @description null for the CLI and first run
             */
            actor_id: string | null;
            /** Format: date-time */
            at: string;
            /** @description the change as requested */
            details: {
                [key: string]: unknown;
            };
            /** @description sequence number: newer entries have larger ones */
            id: number;
            /** @example unit:demo/role:chief_of_office */
            subject: string;
        };
        BilingualText: {
            /** @example Suspected case */
            en: string;
            /** @example Ca nghi ngờ */
            vi: string;
        };
        Board: {
            /** Format: date-time */
            generatedAt: string;
            /** @description every open (not ended) incident you may read, by unit, newest first */
            incidents: components["schemas"]["BoardIncident"][];
            /** @description the units of the incidents and those above them that you can see, to group them as a tree */
            units: components["schemas"]["BoardUnit"][];
        };
        BoardIncident: {
            /**
             * @description open tasks that have escalated at least once
             * @example 0
             */
            escalatedTasks: number;
            /** Format: uuid */
            id: string;
            level: components["schemas"]["BoardLevel"];
            /**
             * Format: date-time
             * @description when the incident reached its current level
             */
            levelChangedAt: string;
            /** @example 5 */
            openTasks: number;
            /** Format: date-time */
            openedAt: string;
            /**
             * @description open tasks past their due time
             * @example 1
             */
            overdueTasks: number;
            playbook: components["schemas"]["BoardPlaybook"];
            /**
             * @description the active step(s): a dotted state path, as GET /incidents/:id gives `state`
             * @example suspected_case.step1_notify
             */
            step: string;
            title?: string | null;
            /** @example dept */
            unitId: string;
        };
        BoardLevel: {
            /** @example suspected_case */
            key: string;
            /**
             * @description a risk level, or a phase of the response that is not a level (recovery, closed)
             * @enum {string}
             */
            kind: "level" | "phase";
            /**
             * @description position in the playbook's order of levels, 0 for the first (lowest); -1 for a phase of the response (recovery, closed), which ranks below every level
             * @example 1
             */
            rank: number;
            title: components["schemas"]["BoardText"];
        };
        BoardPlaybook: {
            /** @example covid19-office */
            key: string;
            title: components["schemas"]["BoardText"];
            /**
             * @description the version the incident runs on
             * @example 1
             */
            version: number;
        };
        BoardText: {
            /** @example Suspected case */
            en: string;
            /** @example Ca nghi ngờ */
            vi: string;
        };
        BoardUnit: {
            /** @example dept */
            id: string;
            /** @example Sở Công Thương */
            name: string;
            /** @description null at the top of what you can see */
            parentId: string | null;
            /** @example Asia/Ho_Chi_Minh */
            timeZone: string;
        };
        CompleteTaskDto: {
            /** @example Sprayed with 0.5% chlorine at 10:40 */
            note?: string;
        };
        CreateLinkDto: {
            /**
             * @description invite: works 7 days; reset: 1 hour. Both set a password.
             * @enum {string}
             */
            kind: "invite" | "reset";
        };
        CreatedLinkView: {
            /** Format: date-time */
            expiresAt: string;
            /**
             * @description shown once; the token is in the fragment, which browsers never send
             * @example https://console.example.gov.vn/app/link#…
             */
            url: string;
        };
        DataDueView: {
            /**
             * @description how long before that time
             * @example PT6H
             */
            before?: string;
            /**
             * @description a timestamp field of the event’s data
             * @example forecastPeakAt
             */
            data: string;
            /**
             * @description the due time when the event does not carry the field
             * @example PT2H
             */
            otherwise: string;
        };
        DirectiveEnd: {
            /**
             * @description the event the engine sends then
             * @example DIRECTIVE_ENDED
             */
            event: string;
            /**
             * Format: date
             * @description the local date at whose end the directive stops
             * @example 2021-10-15
             */
            on: string;
        };
        ErrorBody: {
            /** @description 409 on an incident event: the events the incident accepts now */
            allowedEvents?: string[];
            /**
             * @description a stable code: bad_request, unauthorized, forbidden, not_found, method_not_allowed, conflict, payload_too_large, unsupported_media_type, unprocessable, too_many_requests, unavailable, not_ready, internal; from signing in: invalid_credentials, csrf_token_invalid, too_many_attempts, link_not_found, link_used, link_expired, link_deactivated
             * @example not_found
             */
            error: string;
            /** @description 409 on an incident event: its level now */
            level?: string;
            /** @description 413: the largest body accepted, in bytes */
            limitBytes?: number;
            /**
             * @description what was wrong, for people
             * @example no incident with id "…"
             */
            message: string;
            /**
             * @description the request path
             * @example /incidents/…
             */
            path: string;
            /**
             * @description 403: the permission that was missing
             * @example incidents.event
             */
            permission?: string;
            /** @description 400: each field that was wrong and why */
            problems?: components["schemas"]["FieldProblem"][];
            /** @description 503 from /health/ready or while starting: starting, draining, database or migrations */
            reason?: string;
            /** @description 429 from signing in: seconds to wait (also the Retry-After header) */
            retryAfterSeconds?: number;
            /**
             * Format: date-time
             * @description 429 from signing in: when to try again
             */
            retryAt?: string;
            /** @description 409 on an incident event: its state now */
            state?: string;
            /**
             * @description the HTTP status again
             * @example 404
             */
            statusCode: number;
        } & {
            [key: string]: unknown;
        };
        EscalationChainView: {
            /**
             * @description first one step per superior of the task’s role (its reportsTo line), this long apart
             * @example PT30M
             */
            reportsTo?: string;
            /** @description the steps after those (or the only ones) */
            steps?: components["schemas"]["EscalationStepView"][];
        };
        EscalationStepView: {
            /**
             * @description ISO 8601 duration after the previous step (the first: after the due time)
             * @example PT30M
             */
            after: string;
            /** @description an outside party (e.g. the provincial command) */
            party?: string;
            role?: string;
        };
        EventDefinitionView: {
            /** @description the fields the event’s data carries, by name; without it the data is free-form */
            data?: {
                [key: string]: components["schemas"]["EventFieldView"];
            };
            title: components["schemas"]["BilingualText"];
            /** @example SUSPECTED_CASE_REPORTED */
            type: string;
        };
        /**
         * @description timestamp: an ISO 8601 date-time with its offset
         * @enum {string}
         */
        EventFieldType: "number" | "string" | "boolean" | "timestamp" | "enum";
        EventFieldView: {
            /** @description whether the event is refused without it (default false) */
            required?: boolean;
            /** @description the label of the field */
            title?: components["schemas"]["BilingualText"];
            /** @description timestamp: an ISO 8601 date-time with its offset */
            type: components["schemas"]["EventFieldType"];
            /** @description the choices of an enum field */
            values?: string[];
        };
        EventResult: {
            /** @description tasks the event cancelled, each with its reason */
            cancelled: components["schemas"]["TaskView"][];
            /** @description the incident as the event left it */
            incident: components["schemas"]["IncidentView"];
            /** @description tasks the event raised */
            raised: components["schemas"]["TaskView"][];
        };
        FieldProblem: {
            /**
             * @description the field, dotted for nested ones; `body`, `query` or `header Idempotency-Key` for the whole
             * @example unit
             */
            field: string;
            /**
             * @example [
             *       "no unit with this id that you can see"
             *     ]
             */
            problems: string[];
        };
        HealthStatus: {
            /**
             * @description which database this replica runs on
             * @enum {string}
             */
            database: "embedded" | "postgres";
            /** @enum {string} */
            status: "ok";
        };
        IncidentEventDto: {
            data?: {
                [key: string]: unknown;
            };
            /** @example Staff member in room 204 has a fever */
            note?: string;
            /**
             * @description an event the playbook declares
             * @example SUSPECTED_CASE_REPORTED
             */
            type: string;
        };
        IncidentView: {
            /** @description the events the incident accepts now */
            allowedEvents: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description the newest version of the playbook; the incident stays on its own until moved */
            latestPlaybookVersion: number;
            /**
             * @description the level: a top-level state of the playbook
             * @example suspected_case
             */
            level: string;
            levelTitle: components["schemas"]["BilingualText"];
            openTasks: components["schemas"]["TaskView"][];
            /** @description the name of who opened it */
            openedBy: string;
            /** @description set when the incident is in a phase of the response (recovery, closed) rather than at a risk level; `level` then names that phase */
            phase: components["schemas"]["PhaseView"] | null;
            /**
             * @description the playbook key
             * @example covid19-office
             */
            playbook: string;
            /** @description the playbook version the incident runs on */
            playbookVersion: number;
            /**
             * @description the full state path (level and step)
             * @example suspected_case.step1_notify
             */
            state: string;
            title: string | null;
            /** @description the unit id */
            unit: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description grows by one with each timeline entry */
            version: number;
        };
        IssuedToken: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description the admin who issued it (null: the CLI or first run)
             */
            createdBy: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description to the minute
             */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            personId: string;
            /** @description the token’s first characters, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * @description the token itself: shown in this answer only, never again
             * @example pbe_…
             */
            token: string;
        };
        LevelAndState: {
            level: string;
            state: string;
        };
        LevelView: {
            /** @example suspected_case */
            id: string;
            /**
             * @description a risk level, or a phase of the response that is not a level
             * @enum {string}
             */
            kind: "level" | "phase";
            /** @description position among the levels, 0 for the lowest; -1 for a phase */
            rank: number;
            title: components["schemas"]["BilingualText"];
        };
        LinkPersonView: {
            email: string | null;
            name: string;
        };
        LinkView: {
            /** Format: date-time */
            expiresAt: string;
            /** @enum {string} */
            kind: "invite" | "reset" | "sign-in";
            person: components["schemas"]["LinkPersonView"];
        };
        Liveness: {
            /** @enum {string} */
            status: "ok";
        };
        MigrateIncidentDto: {
            note?: string;
            /**
             * @description the state in the new version this incident is at
             * @example confirmed_case.step1_notify
             */
            state: string;
            /**
             * @description the newer playbook version to move to
             * @example 2
             */
            version: number;
        };
        /** @enum {string} */
        NotificationStatus: "pending" | "delivered" | "dead";
        NotificationView: {
            /** @description the webhook URL or email address */
            address: string | null;
            attempts: number;
            /** @description the party key, or the role escalated to */
            audience: string;
            /** @enum {string} */
            channel: "webhook" | "email" | "log";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            incidentId: string;
            /**
             * @description a playbook `notify` to an outside party, or an escalation step
             * @enum {string}
             */
            kind: "party" | "escalation";
            lastError: string | null;
            /**
             * Format: date-time
             * @description set while pending
             */
            nextAttemptAt: string | null;
            /** @description the message as delivered: its kind, the incident, the text in both languages… */
            payload: {
                [key: string]: unknown;
            };
            status: components["schemas"]["NotificationStatus"];
            /**
             * Format: uuid
             * @description the late task, for an escalation
             */
            taskId: string | null;
        };
        NotifyEffect: {
            message: components["schemas"]["BilingualText"];
            /** @description the party key */
            party: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "notify";
        };
        OpenIncidentDto: {
            /**
             * @description key of the playbook to run
             * @example covid19-office
             */
            playbook: string;
            /** @example Ca nghi ngờ tại phòng Kế hoạch */
            title?: string;
            /**
             * @description the unit whose premises the incident concerns
             * @example so-cong-thuong-binh-phuoc
             */
            unit: string;
        };
        PartyView: {
            /** @example department_of_health */
            key: string;
            title: components["schemas"]["BilingualText"];
        };
        PersonDto: {
            admin?: boolean;
            /** @example a.nguyen@example.gov.vn */
            email?: string;
            /** @description the `sub` of JWTs from the configured issuer */
            externalId?: string;
            /** @enum {string} */
            kind?: "person" | "service";
            /** @example Nguyễn Văn A */
            name: string;
        };
        PersonRefView: {
            /** Format: uuid */
            id: string | null;
            name: string;
        };
        PersonView: {
            /** @description an inactive person cannot sign in and receives no tasks */
            active: boolean;
            admin: boolean;
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            /** @description the `sub` of JWTs from the configured issuer */
            externalId: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "person" | "service";
            name: string;
        };
        PhaseView: {
            /** @example recovery */
            key: string;
            title: components["schemas"]["BilingualText"];
        };
        PlaybookDetail: {
            description: components["schemas"]["BilingualText"] | null;
            /** @description escalation chains by key */
            escalations: {
                [key: string]: components["schemas"]["EscalationChainView"];
            };
            events: components["schemas"]["EventDefinitionView"][];
            /** @description the directive’s own end date; no incident opens after it */
            expires: components["schemas"]["DirectiveEnd"] | null;
            /** @description content hash of this version */
            hash: string;
            /** @example covid19-office */
            key: string;
            /** @description task kinds of the playbook’s own; the built-in kinds are not listed */
            kinds: components["schemas"]["TaskKindView"][];
            levels: components["schemas"]["LevelView"][];
            /** Format: date-time */
            loadedAt: string;
            parties: components["schemas"]["PartyView"][];
            roles: components["schemas"]["RoleView"][];
            taskTemplates: components["schemas"]["TaskTemplateView"][];
            title: components["schemas"]["BilingualText"];
            /** @description the current version (one per distinct content) */
            version: number;
        };
        PlaybookSummary: {
            /** @description the directive’s own end date; no incident opens after it */
            expires: components["schemas"]["DirectiveEnd"] | null;
            /** @description content hash of this version */
            hash: string;
            /** @example covid19-office */
            key: string;
            levels: components["schemas"]["LevelView"][];
            title: components["schemas"]["BilingualText"];
            /** @description the current version (one per distinct content) */
            version: number;
        };
        PlaybookVersionView: {
            /** @description whether this is the version new incidents start on */
            current: boolean;
            hash: string;
            /** @description how many incidents run on this version */
            incidents: number;
            /** Format: date-time */
            loadedAt: string;
            version: number;
        };
        PrincipalView: {
            admin: boolean;
            /** @description validity windows already applied */
            assignments: components["schemas"]["ActiveAssignmentView"][];
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "person" | "service";
            name: string;
        };
        Readiness: {
            /** @enum {string} */
            database: "embedded" | "postgres";
            /** @enum {string} */
            status: "ready";
        };
        ReassignTaskDto: {
            note?: string;
            /**
             * Format: uuid
             * @description give the task to this person
             */
            personId?: string;
            /** @description or to whoever holds this playbook role in the incident's unit now */
            role?: string;
        };
        RecurrenceRuleView: {
            /**
             * @description local times in the unit’s zone
             * @example [
             *       "16:30"
             *     ]
             */
            at?: string[];
            /**
             * @description with every: the local window, both ends included
             * @example [
             *       "06:00",
             *       "22:00"
             *     ]
             */
            between?: string[];
            /**
             * @description a 5-field cron pattern in the unit’s zone
             * @example *\/30 6-21 * * *
             */
            cron?: string;
            /**
             * @description an interval on the local clock (PT30M: :00 and :30 of each hour)
             * @example PT1H
             */
            every?: string;
            weekdays?: components["schemas"]["Weekday"][];
        };
        RecurrenceView: {
            /**
             * @description local times in the unit’s zone
             * @example [
             *       "16:30"
             *     ]
             */
            at?: string[];
            /**
             * @description with every: the local window, both ends included
             * @example [
             *       "06:00",
             *       "22:00"
             *     ]
             */
            between?: string[];
            /** @description another rule for the series started at these levels */
            byLevel?: {
                [key: string]: components["schemas"]["RecurrenceRuleView"];
            };
            /**
             * @description a 5-field cron pattern in the unit’s zone
             * @example *\/30 6-21 * * *
             */
            cron?: string;
            /**
             * @description an interval on the local clock (PT30M: :00 and :30 of each hour)
             * @example PT1H
             */
            every?: string;
            weekdays?: components["schemas"]["Weekday"][];
        };
        RedeemLinkDto: {
            /** @description required for invite and reset links; optional for sign-in links (sets it when given) */
            password?: string;
            /** @description the part of the link after `#` */
            token: string;
        };
        RoleAssignmentDto: {
            /**
             * Format: uuid
             * @description this person stands in for that one
             */
            deputyFor?: string;
            /** Format: uuid */
            personId: string;
            /**
             * @description a playbook role, or duty_officer / viewer
             * @example chief_of_office
             */
            role: string;
            /** @example so-cong-thuong */
            unitId: string;
            /** Format: date-time */
            validFrom?: string;
            /** Format: date-time */
            validUntil?: string;
        };
        RoleAssignmentView: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description the person this one stands in for
             */
            deputyFor: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            personId: string;
            /** @description a playbook role, or duty_officer / viewer */
            role: string;
            unitId: string;
            /** Format: date-time */
            validFrom: string | null;
            /** Format: date-time */
            validUntil: string | null;
        };
        RoleView: {
            /** @example chief_of_office */
            key: string;
            /** @description the superior role: receives the tasks when nobody holds this one */
            reportsTo?: string;
            title: components["schemas"]["BilingualText"];
        };
        SessionView: {
            /** @description send it back in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie */
            csrfToken: string;
            /**
             * Format: date-time
             * @description when the session ends unless used again (12 hours idle, 7 days at most)
             */
            expiresAt: string;
            person: components["schemas"]["SignedInPersonView"];
        };
        SignInDto: {
            /** @example duty.officer@demo */
            email: string;
            /** @example correct horse battery staple */
            password: string;
        };
        SignOffView: {
            /** Format: date-time */
            at: string;
            /** @description the name they had when they signed */
            name: string;
            note?: string;
            /** Format: uuid */
            personId: string;
        };
        SignedInPersonView: {
            admin: boolean;
            /** @example duty.officer@demo */
            email: string | null;
            /** Format: uuid */
            id: string;
            /** @example Cán bộ trực (duty officer) */
            name: string;
        };
        SignedInView: {
            /** @description send it back in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie */
            csrfToken: string;
            person: components["schemas"]["SignedInPersonView"];
        };
        TaskCancelEffect: {
            reason: components["schemas"]["BilingualText"];
            /** @description templates, or keyed tasks as template[key] */
            templates: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "task.cancel";
        };
        TaskEscalationView: {
            /** Format: date-time */
            at: string;
            /** @description ids of the people notified */
            notified: string[];
            /** @description the outside party told (a step of the chain that names a party) */
            party?: string;
            /** @description the role escalated to; null for a step that told an outside party */
            role: string | null;
            /** @description 1 for the first step */
            step: number;
        };
        TaskKindView: {
            /** @example evacuation */
            key: string;
            title: components["schemas"]["BilingualText"];
        };
        TaskRaiseEffect: {
            /** Format: date-time */
            dueAt: string;
            /**
             * Format: date-time
             * @description when the first escalation step fires if not done
             */
            escalateAt?: string;
            /** @description the key of a keyed task (one per value of an event field) */
            instance?: string;
            /** @description a recurring occurrence raised after it was already due */
            late?: boolean;
            level: string;
            /**
             * Format: date-time
             * @description for a recurring duty: the occurrence
             */
            occurrence?: string;
            template: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "task.raise";
        };
        /** @enum {string} */
        TaskStatus: "open" | "done" | "cancelled";
        TaskTemplateView: {
            /**
             * @description shared (default): one task for the role; each: one per holder; all: every holder signs it off
             * @enum {string}
             */
            assign?: "shared" | "each" | "all";
            /** @description an ISO 8601 duration, a local time ("14:00"), "immediately" or a local date; or a time from the raising event’s data; absent on a recurring duty (each occurrence is due at its time) */
            due?: string | components["schemas"]["DataDueView"];
            /** @description key of the escalation chain run when the task is late */
            escalation?: string;
            instructions: components["schemas"]["BilingualText"];
            /** @example notify_department_of_health */
            key: string;
            /**
             * @description one task per value of this field of the raising event’s data
             * @example personId
             */
            keyedBy?: string;
            /**
             * @description a built-in kind or one the playbook declares under kinds
             * @example reporting
             */
            kind: string;
            /**
             * @description when it is raised again: on entry but not on a return from above (default), once per incident, or always
             * @enum {string}
             */
            raise?: "on-entry" | "once" | "always";
            recurs?: components["schemas"]["RecurrenceView"];
            /**
             * @description leaving the state that raised it cancels it if still open
             * @enum {string}
             */
            retire?: "on-exit";
            role: string;
            /**
             * @description where in the seed document the measure comes from
             * @example 003 III.2 Bước 1
             */
            source?: string;
            /**
             * @description leaving or lowering its level does not cancel it
             * @enum {string}
             */
            survive?: "lowering";
            title: components["schemas"]["BilingualText"];
        };
        TaskView: {
            /** Format: date-time */
            acknowledgedAt: string | null;
            acknowledgedBy: components["schemas"]["PersonRefView"] | null;
            /** @description shared: one task for the role; each: one copy per holder (this is one); all: done when every assignee has signed it off */
            assign: components["schemas"]["AssignMode"];
            /** @description the role it went to (a superior one when its own role had nobody) */
            assignedRole: string;
            /** @description ids of the people the task went to */
            assignees: string[];
            cancelReason: components["schemas"]["BilingualText"] | null;
            /** Format: date-time */
            cancelledAt: string | null;
            /** Format: date-time */
            completedAt: string | null;
            /** @description who completed it, with the name they had then */
            completedBy: components["schemas"]["PersonRefView"] | null;
            /**
             * Format: uuid
             * @description set when a deputy completed it for the person they stand in for
             */
            completedFor: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            dueAt: string;
            /** @description how many escalation steps have fired */
            escalationStep: number;
            escalations: components["schemas"]["TaskEscalationView"][];
            /**
             * Format: uuid
             * @description for assign each: whose copy this is
             */
            holder: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            incidentId: string;
            /** @description the key of a keyed task (one per value of an event field), e.g. the missing person’s id */
            instance: string | null;
            instructions: components["schemas"]["BilingualText"];
            /**
             * @description a built-in kind or one the playbook declares (GET /playbooks/:key lists its own with titles)
             * @example reporting
             */
            kind: string;
            /** @description raised after its occurrence was already due (the service was down) */
            late: boolean;
            /** @description the level that raised it */
            level: string;
            /** @description the note given when completing it */
            note: string | null;
            /**
             * Format: date-time
             * @description for a recurring duty: the occurrence this task is for
             */
            occurrence: string | null;
            /** @description the template’s role */
            role: string;
            /** @description for assign all: who has signed it off so far */
            signOffs: components["schemas"]["SignOffView"][];
            status: components["schemas"]["TaskStatus"];
            /** @description the playbook’s task template key */
            template: string;
            title: components["schemas"]["BilingualText"];
            /** @description true when its own role had nobody and it went up the reportsTo chain */
            unassignedRole: boolean;
        };
        TimelineEntry: {
            /** @description the name of who acted (`scheduler` for timers and escalations) */
            actor: string;
            /** Format: uuid */
            actorId: string | null;
            /** Format: date-time */
            at: string;
            /** @description the event’s data */
            data: {
                [key: string]: unknown;
            } | null;
            effects: (components["schemas"]["TaskRaiseEffect"] | components["schemas"]["TaskCancelEffect"] | components["schemas"]["NotifyEffect"] | components["schemas"]["TimerStartEffect"] | components["schemas"]["TimerCancelEffect"])[];
            /** @description null for the opening entry */
            from: components["schemas"]["LevelAndState"] | null;
            note: string | null;
            /**
             * Format: uuid
             * @description set when a deputy acted for the person they stand in for
             */
            onBehalfOf: string | null;
            /** @description the name of that person */
            onBehalfOfName: string | null;
            /** @description the incident version this entry made */
            seq: number;
            to: components["schemas"]["LevelAndState"];
            /**
             * @description the event, or INCIDENT_OPENED, TASK_COMPLETED, TASK_ESCALATED, PLAYBOOK_MIGRATED…
             * @example SUSPECTED_CASE_REPORTED
             */
            type: string;
        };
        TimerCancelEffect: {
            key: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "timer.cancel";
        };
        TimerStartEffect: {
            /** @description the event the timer sends, with what it carries (a recurring duty’s template and occurrence, an escalation’s task and step…) */
            event?: {
                /** @example RECUR */
                type: string;
            } & {
                [key: string]: unknown;
            };
            /** Format: date-time */
            fireAt: string;
            key: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "timer.start";
        };
        TokenDto: {
            /** Format: date-time */
            expiresAt?: string;
            /** @example phone of the duty officer */
            name: string;
            /** Format: uuid */
            personId: string;
        };
        TokenView: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description the admin who issued it (null: the CLI or first run)
             */
            createdBy: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description to the minute
             */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            personId: string;
            /** @description the token’s first characters, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
        };
        UnitDto: {
            /** @description outside parties keyed by playbook party key: {name, email?, phone?, webhook?} */
            contacts?: {
                [key: string]: unknown;
            };
            /** @example so-cong-thuong */
            id: string;
            /** @example Sở Công Thương tỉnh Bình Phước */
            name: string;
            /** @example ubnd-tinh-binh-phuoc */
            parentId?: string;
            /** @example Asia/Ho_Chi_Minh */
            timeZone?: string;
        };
        UnitView: {
            /** @description outside parties keyed by playbook party key: {name, email?, phone?, webhook?} */
            contacts: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** @example so-cong-thuong */
            id: string;
            name: string;
            /** @description the unit above, null for a root */
            parentId: string | null;
            /**
             * @description IANA time zone
             * @example Asia/Ho_Chi_Minh
             */
            timeZone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdatePersonDto: {
            active?: boolean;
            admin?: boolean;
            email?: string;
            externalId?: string;
            name?: string;
        };
        UpdateUnitDto: {
            /** @description replaces all contacts */
            contacts?: {
                [key: string]: unknown;
            };
            name?: string;
            /** @description null makes it a top-level unit */
            parentId?: string | null;
            timeZone?: string;
        };
        /** @enum {string} */
        Weekday: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAudit: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntry"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    redeemSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeemLinkDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedInView"];
                };
            };
            /** @description bad input, or no password for an invite or reset link; `problems` names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the link was used already, has expired, or its person is deactivated */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkView"];
                };
            };
            /** @description no such link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the link was used already, has expired, or its person is deactivated */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description not signed in, or the session has ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            /** @description signed in; `Set-Cookie: session=…; HttpOnly; SameSite=Lax; Path=/` (Secure over HTTPS) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedInView"];
                };
            };
            /** @description bad input; `problems` names each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description wrong email or password (the same answer for an unknown email, no password set or a deactivated person) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description too many failures for this email or from this address (`too_many_attempts`, with `retryAfterSeconds` and `retryAt`), or too many requests from this address: wait `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out (also when there was no session) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description the X-CSRF-Token header is missing or wrong */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getBoard: {
        parameters: {
            query?: {
                /** @description only this unit and the units below it; 404 if you cannot see it */
                unitId?: string;
                /** @description only incidents on this playbook */
                playbook?: string;
                /** @description only incidents at this level (a level key of a playbook) */
                level?: string;
                /** @description true: only incidents with an overdue open task; false: only those without */
                hasOverdue?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Board"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /** @description The service is starting or draining, or its database is unreachable; retry shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description The service is starting or draining, or its database is unreachable; retry shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                unit?: string;
                playbook?: string;
                level?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    openIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key returns the first answer */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenIncidentDto"];
            };
        };
        responses: {
            /** @description the incident opened (with a reused Idempotency-Key: the one opened then) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getIncident: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    sendIncidentEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description a retry with the same key returns the first answer */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentEventDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResult"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The Idempotency-Key was already used for a different request. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    migrateIncident: {
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
                "application/json": components["schemas"]["MigrateIncidentDto"];
            };
        };
        responses: {
            /** @description the incident on its new version; `raised` is empty, `cancelled` holds tasks whose template the version dropped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResult"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getIncidentTimeline: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineEntry"][];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    streamChanges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description an endless event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The service is starting or draining, or its database is unreachable; retry shortly. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    scrapeMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                incident?: string;
                status?: "pending" | "delivered" | "dead";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationView"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPeople: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonView"][];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createPerson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PersonDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPerson: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updatePerson: {
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
                "application/json": components["schemas"]["UpdatePersonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PersonView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createSignInLink: {
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
                "application/json": components["schemas"]["CreateLinkDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedLinkView"];
                };
            };
            /** @description bad kind */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not an admin, or (signed in by cookie) the X-CSRF-Token header is missing or wrong */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such person */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the person is a service account, deactivated, or has no email */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPlaybooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaybookSummary"][];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPlaybook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaybookDetail"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getPlaybookDiagram: {
        parameters: {
            query?: {
                /** @description notes beside each state: the tasks it raises (role, sharing, escalation chain), the messages it sends, what its events do */
                details?: "true" | "false";
            };
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Mermaid source (stateDiagram-v2) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No playbook with this key (an ErrorBody, sent as text/plain). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPlaybookVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlaybookVersionView"][];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listRoleAssignments: {
        parameters: {
            query?: {
                unit?: string;
                person?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleAssignmentView"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    assignRole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleAssignmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleAssignmentView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unassignRole: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleAssignmentView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                incident?: string;
                status?: "open" | "done" | "cancelled";
                role?: string;
                kind?: "notification" | "disinfection" | "closure" | "isolation" | "testing" | "listing" | "reporting" | "communication" | "procurement" | "duty" | "inspection" | "other";
                /** @description `me`, or a person id */
                assignee?: string;
                /** @description true: only open tasks past their due time */
                overdue?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getTask: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    acknowledgeTask: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    completeTask: {
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
                "application/json": components["schemas"]["CompleteTaskDto"];
            };
        };
        responses: {
            /** @description the task as completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reassignTask: {
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
                "application/json": components["schemas"]["ReassignTaskDto"];
            };
        };
        responses: {
            /** @description the task with its new assignees */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: {
                person?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenView"][];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedToken"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revokeToken: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitView"][];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createUnit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnitDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Refused in the current state (details say what is allowed now). Nothing changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getUnit: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitView"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateUnit: {
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
                "application/json": components["schemas"]["UpdateUnitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitView"];
                };
            };
            /** @description Bad input (body, query, path or header); `problems` names each field. Nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or unknown, revoked or expired ones. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Signed in, but not allowed: `permission` names what was missing. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thing, or one in a unit the caller cannot read (answered alike). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is larger than the service accepts (`limitBytes`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The request body is not JSON (`Content-Type: application/json`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests from this address this minute; retry after the `RateLimit` header says. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
