# embed_file(OUT_VAR path symbol): generates a .cpp defining
#   extern const char* const <symbol>;  (NUL-terminated contents)
# embed_directory(OUT_VAR dir symbol): generates a .cpp defining
#   struct EmbeddedFile { const char* name; const char* text; };
#   extern const EmbeddedFile <symbol>[]; extern const int <symbol>Count;
# with the directory's *.sql files sorted by name. Both re-run when a file changes.

function(_embed_escape path out_var)
  file(READ ${path} content HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," content "${content}")
  set(${out_var} "${content}" PARENT_SCOPE)
endfunction()

function(embed_file out_var path symbol)
  set(out ${CMAKE_BINARY_DIR}/embedded/${symbol}.cpp)
  _embed_escape(${path} bytes)
  # unsigned: UTF-8 text has bytes above 0x7f, which would narrow into a signed char.
  set(text "// Generated from ${path}.\nstatic const unsigned char data[] = {${bytes}0x00};\nextern const char* const ${symbol};\nconst char* const ${symbol} = reinterpret_cast<const char*>(data);\n")
  file(CONFIGURE OUTPUT ${out} CONTENT "${text}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${path})
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()

function(embed_directory out_var dir symbol)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT files)
  set(out ${CMAKE_BINARY_DIR}/embedded/${symbol}.cpp)
  set(text "// Generated from ${dir}.\n#include \"db/embedded.hpp\"\nnamespace clientele::db {\n")
  set(entries "")
  set(i 0)
  foreach(f ${files})
    _embed_escape(${f} bytes)
    get_filename_component(name ${f} NAME)
    string(APPEND text "static const char file${i}[] = {${bytes}0x00};\n")
    string(APPEND entries "  {\"${name}\", file${i}},\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
    math(EXPR i "${i} + 1")
  endforeach()
  string(APPEND text "extern const EmbeddedFile ${symbol}[];\nconst EmbeddedFile ${symbol}[] = {\n${entries}  {nullptr, nullptr}};\n}  // namespace clientele::db\n")
  file(CONFIGURE OUTPUT ${out} CONTENT "${text}" @ONLY)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
