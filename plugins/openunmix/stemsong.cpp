// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/openunmix/stemsong.h"

#include "plugins/toolkit/audiotensor.h"

#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"
#include "core/media/resampler.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <stdexcept>

namespace mirstudio::openunmix {

namespace {

torch::Tensor readWav(const QString &path, int sampleRate)
{
    try {
        media::AudioData data = media::readAudio(path);
        if (data.sampleRate != sampleRate)
            data = media::resample(data, sampleRate);
        sdk::AudioBuffer audio;
        audio.sampleRate = sampleRate;
        audio.channels = std::move(data.channels);
        return toolkit::audioToTensor(audio);
    } catch (const std::exception &e) {
        throw std::runtime_error(e.what());
    }
}

} // namespace

std::vector<std::string> listStemSongs(const std::string &root)
{
    const QDir dir(QString::fromStdString(root));
    if (!dir.exists())
        throw std::runtime_error("stem folder " + root + " does not exist");
    std::vector<std::string> songs;
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFileInfo::exists(dir.filePath(name + QStringLiteral("/mixture.wav"))))
            songs.push_back(name.toStdString());
    }
    if (songs.empty())
        throw std::runtime_error("stem folder " + root + " holds no <song>/mixture.wav");
    return songs;
}

std::vector<StemName> stemNamesOf(const std::string &songFolder, const std::string &renames)
{
    QMap<QString, QString> rename;
    for (const QString &pair : QString::fromStdString(renames).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList kv = pair.split(QLatin1Char('='));
        if (kv.size() == 2)
            rename.insert(kv[0].trimmed(), kv[1].trimmed());
    }
    std::vector<StemName> names;
    const QDir dir(QString::fromStdString(songFolder));
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("*.wav")}, QDir::Files, QDir::Name)) {
        const QString base = f.completeBaseName();
        if (base != QLatin1String("mixture"))
            names.push_back({base.toStdString(), rename.value(base, base).toStdString()});
    }
    if (names.empty())
        throw std::runtime_error("song folder " + songFolder + " holds no stem besides mixture.wav");
    return names;
}

StemSong readStemSong(const std::string &folder, const std::vector<StemName> &stems, int sampleRate)
{
    const QDir dir(QString::fromStdString(folder));
    StemSong song;
    song.name = dir.dirName().toStdString();
    song.sampleRate = sampleRate;
    song.mixture = readWav(dir.filePath(QStringLiteral("mixture.wav")), sampleRate);
    for (const StemName &s : stems) {
        auto t = readWav(dir.filePath(QString::fromStdString(s.file) + QStringLiteral(".wav")), sampleRate);
        if (!t.sizes().equals(song.mixture.sizes()))
            throw std::runtime_error("stem " + s.file + " of " + folder
                                     + " differs from mixture.wav in length or channels");
        song.stems.push_back(t);
    }
    return song;
}

} // namespace mirstudio::openunmix
