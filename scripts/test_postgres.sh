#!/bin/sh
# Start a throw-away PostgreSQL server on localhost for the storage tests and print the URL to
# use as COMPANION_TEST_POSTGRES_URL. Needs root and Debian's `postgresql` package (installed
# here when missing). Prints nothing and exits 0 where that is not possible: the PostgreSQL
# storage tests are then skipped with their reason.
set -e
[ "$(id -u)" = "0" ] || { echo "test_postgres: not root; PostgreSQL tests will be skipped" >&2; exit 0; }
command -v apt-get >/dev/null 2>&1 || exit 0
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  echo "test_postgres: installing postgresql" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters -h | head -n 1)
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
port=$(echo "$cluster" | awk '{print $3}')
status=$(echo "$cluster" | awk '{print $4}')
[ "$status" = "online" ] || pg_ctlcluster "$version" "$name" start >&2
# The app insists on TLS to a database server: give the test server a throw-away certificate.
if [ "$(runuser -u postgres -- psql -tA -p "$port" -c 'SHOW ssl')" != "on" ]; then
  dir="/var/lib/postgresql/$version/$name"
  openssl req -new -x509 -days 3650 -nodes -subj "/CN=localhost" \
    -keyout "$dir/companion-test.key" -out "$dir/companion-test.crt" >/dev/null 2>&1
  chown postgres:postgres "$dir/companion-test.key" "$dir/companion-test.crt"
  chmod 600 "$dir/companion-test.key"
  runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 >/dev/null <<SQL
ALTER SYSTEM SET ssl_cert_file = '$dir/companion-test.crt';
ALTER SYSTEM SET ssl_key_file = '$dir/companion-test.key';
ALTER SYSTEM SET ssl = on;
SQL
  pg_ctlcluster "$version" "$name" reload >&2
fi
runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'companion_test') THEN
    CREATE ROLE companion_test LOGIN CREATEDB PASSWORD 'companion_test';
  END IF;
  -- The role tests make throw-away logins (a caseworker, a reviewer, a lead) and the app's
  -- group roles.
  ALTER ROLE companion_test CREATEROLE;
END \$\$;
-- ... and drops their databases at the end even while a login's connection is still closing.
GRANT pg_signal_backend TO companion_test;
SQL
echo "postgresql+psycopg://companion_test:companion_test@localhost:$port/postgres"
