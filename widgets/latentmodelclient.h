// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/jobinfo.h"
#include "plugins/sdk/valuetypes.h"

#include <QString>

#include <vector>

namespace mirstudio {
class JobRunner;
}

namespace mirstudio::widgets {

/**
 * Talks to one plugin with the `latent` capability through the JobRunner: finds its encode
 * method (notes in, latent out) and decode method (latent in, notes out) from the manifest, and
 * runs them as jobs, waiting for each (the explorer's decodes are small: batch 1, a few rows).
 * Parameters the decode method does not declare (temperature) are left out; a declared
 * temperature is clamped to its range. submitDecode()/submitEncode() queue the same jobs without
 * waiting (LatentExplorerDecoder). Does not own the runner, which must outlive it. GUI thread
 * (encode()/decode() block it for the job's duration).
 */
class LatentModelClient
{
public:
    LatentModelClient(JobRunner *runner, QString pluginId);

    /** True when the plugin exists and has both an encode and a decode method. */
    bool isUsable() const { return !m_encode.isEmpty() && !m_decode.isEmpty(); }
    QString pluginId() const { return m_plugin; }
    QString error() const { return m_error; }
    bool decodeHasTemperature() const { return m_hasTemperature; }

    /** Encodes `notes`; the latent set has one row per code the plugin returns (empty on failure). */
    sdk::LatentSet encode(const sdk::NoteSequence &notes);
    /** Decodes the rows of `codes` (each a code of the model's dimension); the finished job. */
    JobInfo decode(const std::vector<std::vector<double>> &codes, double temperature);
    /** The notes a finished decode job returned (empty when it failed). */
    sdk::NoteSequence notesOf(const JobInfo &job) const;
    /** The latent set a finished encode job returned (empty when it failed). */
    sdk::LatentSet latentOf(const JobInfo &job) const;

    /** Queues a decode job without waiting; its id (JobRunner::jobFinished reports it). */
    int submitDecode(const std::vector<std::vector<double>> &codes, double temperature) const;
    /** Queues an encode job without waiting; its id, or -1 when the plugin is not usable. */
    int submitEncode(const sdk::NoteSequence &notes) const;

private:
    /** Waits for job `id`; its final state (error() keeps a failure's reason). */
    JobInfo waitFor(int id);
    int submit(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params) const;

    JobRunner *m_runner;
    QString m_plugin;
    QString m_encode, m_encodeIn, m_encodeOut;
    QString m_decode, m_decodeIn, m_decodeOut;
    bool m_hasTemperature = false;
    double m_temperatureMin = 0.0;
    double m_temperatureMax = 0.0;
    QString m_error;
};

} // namespace mirstudio::widgets
