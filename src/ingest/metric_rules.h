// Rules on a metric's description that every source of metrics applies (the
// catalogue, recipes): one place, so they cannot drift apart.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/metric.h"

namespace lgb {

// "" when the metric's measure kind and polarity fit together; otherwise
// the message for the polarity field. A bigger council has more residents,
// vehicles and km²: a count is neither better nor worse for being larger.
std::string count_polarity_problem(const Metric& m, std::string_view polarity_text);

// The message for a measure kind that is not one of the known names.
std::string unknown_measure_message(std::string_view text);

}  // namespace lgb
