// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/resultwriter.h"

#include "core/host/mediaconversion.h"
#include "core/media/atomicfile.h"
#include "core/media/audiofilewriter.h"
#include "core/media/midifilewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <stdexcept>

namespace mirstudio::cli {

namespace {

QString extensionFor(sdk::ValueKind kind)
{
    switch (kind) {
    case sdk::ValueKind::Audio: return QStringLiteral("wav");
    case sdk::ValueKind::Notes: return QStringLiteral("mid");
    default: return QStringLiteral("csv");
    }
}

QByteArray csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text.toUtf8();
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

} // namespace

QByteArray ResultWriter::annotationsCsv(const sdk::AnnotationSet &set)
{
    QByteArray csv = "time,duration,label,value\n";
    for (const sdk::Annotation &a : set.items) {
        csv += QByteArray::number(a.time, 'g', 10) + ',' + QByteArray::number(a.duration, 'g', 10) + ','
               + csvField(a.label) + ',' + (a.hasValue ? QByteArray::number(a.value, 'g', 10) : QByteArray()) + '\n';
    }
    return csv;
}

QByteArray ResultWriter::matrixCsv(const sdk::Matrix &matrix, const QStringList &columnNames)
{
    QByteArray csv;
    const QStringList header = columnNames.isEmpty() ? matrix.colLabels : columnNames;
    const bool rowLabels = !matrix.rowLabels.isEmpty();
    if (!header.isEmpty()) {
        QByteArrayList fields;
        if (rowLabels)
            fields << "row";
        for (const QString &h : header)
            fields << csvField(h);
        csv += fields.join(',') + '\n';
    }
    for (int r = 0; r < matrix.rows; ++r) {
        QByteArrayList fields;
        if (rowLabels)
            fields << csvField(matrix.rowLabels.value(r));
        for (int c = 0; c < matrix.cols; ++c)
            fields << QByteArray::number(matrix.at(r, c), 'g', 9);
        csv += fields.join(',') + '\n';
    }
    return csv;
}

void ResultWriter::writeOne(const sdk::Value &value, const QString &path)
{
    if (m_interrupted && m_interrupted())
        throw std::runtime_error("interrupted");
    const media::AudioWriteFormat floatWav{media::AudioContainer::Wav, media::AudioSampleFormat::Float32};
    if (const auto *a = std::get_if<sdk::AudioBuffer>(&value))
        media::writeAudio(path, MediaConversion::toAudioData(*a), floatWav);
    else if (const auto *n = std::get_if<sdk::NoteSequence>(&value))
        media::writeMidiFile(path, MediaConversion::toMidiFile(*n));
    else if (const auto *s = std::get_if<sdk::AnnotationSet>(&value))
        media::AtomicFile::writeFile(path, annotationsCsv(*s));
    else if (const auto *m = std::get_if<sdk::Matrix>(&value))
        media::AtomicFile::writeFile(path, matrixCsv(*m));
    else if (const auto *l = std::get_if<sdk::LatentSet>(&value))
        media::AtomicFile::writeFile(path, matrixCsv(l->codes, l->dimensionNames));
    else
        throw std::runtime_error("cannot write a value of this kind");
    m_written << path;
}

QStringList ResultWriter::write(const sdk::ValueMap &outputs, const QString &out)
{
    m_written.clear();
    try {
        const bool single = outputs.size() == 1 && sdk::kindOf(outputs.first()) != sdk::ValueKind::Stems
                            && !QFileInfo(out).isDir();
        if (single) {
            writeOne(outputs.first(), out);
            return m_written;
        }
        if (!QDir().mkpath(out))
            throw std::runtime_error(QStringLiteral("cannot create the output folder %1").arg(out).toStdString());
        const QDir dir(out);
        for (auto it = outputs.cbegin(); it != outputs.cend(); ++it) {
            if (const auto *stems = std::get_if<sdk::StemSet>(&it.value())) {
                for (const QString &name : stems->order)
                    writeOne(stems->stems.value(name), dir.filePath(name + QStringLiteral(".wav")));
            } else {
                writeOne(it.value(), dir.filePath(it.key() + QLatin1Char('.') + extensionFor(sdk::kindOf(it.value()))));
            }
        }
    } catch (...) {
        for (const QString &f : std::as_const(m_written))
            QFile::remove(f);
        m_written.clear();
        throw;
    }
    return m_written;
}

} // namespace mirstudio::cli
