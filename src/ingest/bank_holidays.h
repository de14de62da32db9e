// England and Wales bank holidays from GOV.UK's bank-holidays.json files
// (data/calendar/), for counting working days (core/working_days.h).
// Pure function of the files; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace lgb {

// The union of the "england-and-wales" event dates of every *.json file in
// dir, sorted; kIo when dir cannot be read, kInvalidArgument naming the file
// when one is not GOV.UK's shape.
Result<std::vector<std::string>> read_bank_holidays(const std::string& dir);

}  // namespace lgb
