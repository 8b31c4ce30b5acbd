// Schema migrations of the results database, applied in order by PRAGMA user_version.
// Append new migrations at the end of the list in migrations.cpp; never edit a released one.
#pragma once
#include "results/store/sqlite.hpp"

namespace kbench {

// Applies every migration newer than the database's user_version, each in its own transaction.
// Throws when the database is newer than this kbench knows.
void migrate(sql::Database& db);
int schema_version();

}  // namespace kbench
