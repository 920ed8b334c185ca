// The shapes the console reads, named after what the pages call them: each is the service's own response
// schema from its OpenAPI document (schema.d.ts, `npm run openapi`), so the API and the console cannot drift.
import type { components } from './schema';

type S = components['schemas'];

export type Text = S['BilingualText'];
export type Me = S['PrincipalView'];
export type Session = S['SessionView'] | S['SignedInView'];
export type LinkInfo = S['LinkView'];
export type Task = S['TaskView'];
export type Incident = S['IncidentView'];
export type TimelineEntry = S['TimelineEntry'];
export type Notification = S['NotificationView'];
export type PlaybookSummary = S['PlaybookSummary'];
export type Playbook = S['PlaybookDetail'];
export type PlaybookEvent = S['EventDefinitionView'];
export type PlaybookVersionRow = S['PlaybookVersionView'];
export type Board = S['Board'];
export type BoardIncident = S['BoardIncident'];
export type Unit = S['BoardUnit'];
export type AdminUnit = S['UnitView'];
export type Person = S['PersonView'];
export type Assignment = S['RoleAssignmentView'];
export type Token = S['TokenView'];
export type IssuedToken = S['IssuedToken'];
export type AuditEntry = S['AuditEntry'];
export type CreatedLink = S['CreatedLinkView'];
