// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/stemclip.h"

#include "core/media/audiofile.h"
#include "core/media/resampler.h"
#include "plugins/toolkit/stemfolderdataset.h"

#include <QDir>
#include <QFile>

#include <stdexcept>

namespace mirstudio::tfctdf {

namespace {

constexpr int kModelRate = 44100;

torch::Tensor readStereo(const QString &path)
{
    media::AudioData data;
    try {
        data = media::readAudio(path);
        if (data.sampleRate != kModelRate)
            data = media::resample(data, kModelRate);
    } catch (const std::exception &e) {
        throw std::runtime_error(e.what());
    }
    std::vector<torch::Tensor> rows;
    for (const auto &c : data.channels)
        rows.push_back(torch::tensor(c, torch::kFloat32));
    if (rows.size() == 1)
        rows.push_back(rows.front().clone());
    return torch::stack(rows);
}

/** <dir>/<name>.wav, or <name>.flac when only that exists. */
QString audioPath(const QDir &dir, const QString &name)
{
    const QString wav = dir.filePath(name + QStringLiteral(".wav"));
    const QString flac = dir.filePath(name + QStringLiteral(".flac"));
    return !QFile::exists(wav) && QFile::exists(flac) ? flac : wav;
}

} // namespace

StemClip readStemClip(const QString &songFolder, const QString &target)
{
    const QDir dir(songFolder);
    const torch::Tensor mix = readStereo(audioPath(dir, QStringLiteral("mixture")));
    const QString targetPath = audioPath(dir, target);
    const torch::Tensor stem = readStereo(targetPath);
    if (stem.size(1) != mix.size(1))
        throw std::runtime_error(targetPath.toStdString() + " and the mixture differ in length");
    return {dir.dirName().toStdString(), stem, mix - stem};
}

std::vector<QString> stemSongNames(const QString &root)
{
    std::vector<QString> names;
    for (const auto &item : toolkit::readStemFolders(root))
        names.push_back(item.id);
    return names;
}

} // namespace mirstudio::tfctdf
