/** Who is making a request, as established by the auth guard from a bearer token or a JWT. */
export interface Principal {
  id: string;
  name: string;
  kind: 'person' | 'service';
  admin: boolean;
  /** Role assignments in force at the time of the request (validity windows already applied). */
  assignments: ActiveAssignment[];
}

export interface ActiveAssignment {
  unitId: string;
  role: string;
  /** Set when this person holds the role as a deputy for someone else. */
  deputyFor: string | null;
}
