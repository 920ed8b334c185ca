-- Sign-in for people at the web console (issue 10, item 1): a password per person (argon2id, never the
-- password itself), server-side sessions behind an HttpOnly cookie, one-time links to set a password or
-- sign in, and the counters that slow down repeated failures (in the database, so replicas share them).

ALTER TABLE people ADD COLUMN password_hash text;
ALTER TABLE people ADD COLUMN password_set_at timestamptz;
-- People type their email in any case; sign-in looks it up case-insensitively.
CREATE INDEX people_email_lower_idx ON people (lower(email));

CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES people (id),
  -- sha256 of the cookie's value; the value itself is only ever in the browser.
  hash          text NOT NULL UNIQUE,
  -- Sent back by the console in X-CSRF-Token on unsafe requests; it is not a credential on its own.
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  -- Idle expiry counts from here (written at most once a minute).
  last_seen_at  timestamptz NOT NULL,
  -- Absolute expiry, whatever the use.
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

-- One-time links: an invitation or a password reset made by an admin (or the CLI), or the first run's
-- sign-in links for the demo people.
CREATE TABLE sign_in_links (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES people (id),
  kind        text NOT NULL CHECK (kind IN ('invite', 'reset', 'sign-in')),
  -- sha256 of the token in the link; the token itself is shown once.
  hash        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  created_by  uuid REFERENCES people (id),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX sign_in_links_person_idx ON sign_in_links (person_id);

-- Failed sign-ins per key ('email:<lower-case email>' or 'address:<client address>'). A series goes on
-- while each failure comes within the window of the previous one (or of the end of the last wait).
CREATE TABLE sign_in_failures (
  key              text PRIMARY KEY,
  failures         integer NOT NULL CHECK (failures >= 0),
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz
);
