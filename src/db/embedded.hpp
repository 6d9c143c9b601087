// Files compiled into the binary by cmake/embed.cmake (the numbered migrations).
#pragma once

namespace clientele::db {

struct EmbeddedFile {
  const char* name;  // file name, e.g. "001_foundation.sql"; nullptr ends a list
  const char* text;
};

extern const EmbeddedFile kSqliteMigrations[];
extern const EmbeddedFile kPostgresMigrations[];

}  // namespace clientele::db
