// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <stdexcept>

namespace mirstudio::sdk {

/**
 * What a plugin throws to fail a method with a message for the user ("input is mono; this model
 * needs stereo"). The host also contains any other exception; this one's text is shown verbatim.
 */
class PluginError : public std::runtime_error
{
public:
    explicit PluginError(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

/** Thrown by a plugin that noticed JobContext::isCancelled(); the host records "cancelled". */
class Cancelled : public std::exception
{
public:
    const char *what() const noexcept override { return "cancelled"; }
};

} // namespace mirstudio::sdk
