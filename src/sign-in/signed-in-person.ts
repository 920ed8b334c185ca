import type { PersonRow } from '../directory/directory-store.js';

/** Who is signed in, as the console shows them: nothing of their roles (GET /me has those). */
export interface SignedInPerson {
  id: string;
  name: string;
  email: string | null;
  admin: boolean;
}

export function signedInPerson(p: Pick<PersonRow, 'id' | 'name' | 'email' | 'admin'>): SignedInPerson {
  return { id: p.id, name: p.name, email: p.email, admin: p.admin };
}
