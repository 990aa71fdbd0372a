// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/jobpanelbinding.h"

#include "core/host/jobrunner.h"
#include "widgets/jobpanel.h"

namespace mirstudio {

JobPanelBinding::JobPanelBinding(JobRunner *runner, widgets::JobPanel *panel)
    : QObject(panel)
    , m_runner(runner)
    , m_panel(panel)
{
    auto add = [this](int id) {
        const JobInfo info = m_runner->info(id);
        m_panel->addJob(id, tr("%1: %2").arg(info.request.plugin, info.request.method));
        if (isFinished(info.state))
            m_panel->setFinished(id, info.error.isEmpty() ? jobStateName(info.state) : info.error,
                                 info.state == JobState::Done);
    };
    connect(m_runner, &JobRunner::jobQueued, this, add);
    connect(m_runner, &JobRunner::jobStateChanged, this, [this](int id, JobState state) {
        if (state == JobState::Running)
            m_panel->setProgress(id, 0.0, jobStateName(state));
    });
    connect(m_runner, &JobRunner::jobProgress, this, [this](int id, double fraction, const QString &status) {
        m_panel->setProgress(id, fraction, status);
    });
    connect(m_runner, &JobRunner::jobFinished, this, [this, add](int id, JobState state) {
        if (!m_panel->contains(id))
            add(id);
        const JobInfo info = m_runner->info(id);
        const QString text = info.error.isEmpty() ? jobStateName(state)
                                                  : tr("%1: %2").arg(jobStateName(state), info.error);
        m_panel->setFinished(id, text, state == JobState::Done);
    });
    connect(m_panel, &widgets::JobPanel::cancelRequested, m_runner, &JobRunner::cancel);
}

} // namespace mirstudio
