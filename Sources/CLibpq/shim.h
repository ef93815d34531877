// libpq, PostgreSQL's C client library (Debian: libpq-dev, headers in /usr/include/postgresql,
// found through pkg-config's libpq.pc).
#include <libpq-fe.h>
