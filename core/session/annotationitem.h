// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>

namespace mirstudio {

/**
 * One typed item of an annotation track: a Region (start + length, with a label), a Label
 * (an instant with text, e.g. a chord or beat) or a Value (an instant with a number, e.g. a
 * pitch contour point). Times in frames at the session rate. Value type; any thread.
 */
struct AnnotationItem
{
    enum class Kind { Region, Label, Value };

    Kind kind = Kind::Label;
    std::int64_t start = 0;
    std::int64_t length = 0; // regions only; 0 otherwise
    QString text;
    double value = 0.0;      // values only

    bool operator==(const AnnotationItem &) const = default;
};

} // namespace mirstudio
