// Prints an api::Table as aligned text columns for the terminal, or as CSV.
// Stateless functions; not thread-safe on the same stream.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "api/csv_encoder.h"

namespace lgb::cli {

// Keeps only the named columns, in the given order (unknown names ignored).
api::Table select_columns(const api::Table& t, const std::vector<std::string>& names);

// Columns padded to their widest cell (counted in UTF-8 characters).
void print_table(std::ostream& out, const api::Table& t);

}  // namespace lgb::cli
