// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"
#include "plugins/sdk/valuetypes.h"

#include <QString>

namespace mirstudio {

/**
 * Checks values crossing the plugin boundary against a method's declared ports: required ports
 * present, no undeclared ids, kinds as declared, and the content sane (audio non-empty with
 * equal-length finite channels and a positive rate, stems all present, notes in MIDI range with
 * positive finite durations, matrices of the declared size). Stateless; any thread.
 */
class ValueCheck
{
public:
    /** Empty when `inputs` fit `method`'s inputs; otherwise the first problem. */
    static QString inputs(const sdk::MethodSpec &method, const sdk::ValueMap &inputs);
    /** Empty when `outputs` fit `method`'s outputs; otherwise the first problem. */
    static QString outputs(const sdk::MethodSpec &method, const sdk::ValueMap &outputs);
    /** Empty when the value's content is sane; otherwise what is wrong. */
    static QString content(const sdk::Value &value);
};

} // namespace mirstudio
