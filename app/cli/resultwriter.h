// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace mirstudio::cli {

/**
 * Writes a job's outputs to files for `mirstudio-cli run`: stems → `<dir>/<stem>.wav`, audio →
 * WAV (float), notes → MIDI, annotations/latent/matrix → CSV. With one non-stems output and an
 * `out` that is not a folder, the file is `out` itself; otherwise `out` is a folder (made if
 * needed) holding `<output id>.<ext>` per output. Every file is written atomically
 * (media::AtomicFile via the media writers); if any file fails or `interrupted()` turns true
 * between files, the files already written are removed and the error is thrown, so nothing
 * partial is left. Main thread; throws media::MediaError or std::runtime_error.
 */
class ResultWriter
{
public:
    explicit ResultWriter(std::function<bool()> interrupted = {}) : m_interrupted(std::move(interrupted)) {}

    /** Writes every output; returns the files written, in order. */
    QStringList write(const sdk::ValueMap &outputs, const QString &out);

    static QByteArray annotationsCsv(const sdk::AnnotationSet &set);
    static QByteArray matrixCsv(const sdk::Matrix &matrix, const QStringList &columnNames = {});

private:
    void writeOne(const sdk::Value &value, const QString &path);
    std::function<bool()> m_interrupted;
    QStringList m_written;
};

} // namespace mirstudio::cli
