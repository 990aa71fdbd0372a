// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace mirstudio {

class JobRunner;
namespace widgets {
class JobPanel;
}

/**
 * Feeds a JobPanel from a JobRunner: a queued job becomes a row titled "<plugin>: <method>",
 * progress and status text follow jobProgress, the end shows done / failed (with the reason) /
 * cancelled / abandoned, and the row's cancel button cancels the job in the runner.
 * Lives as long as the panel's parent wants (child of the panel); does not own either side.
 * GUI thread only.
 */
class JobPanelBinding : public QObject
{
    Q_OBJECT
public:
    JobPanelBinding(JobRunner *runner, widgets::JobPanel *panel);

private:
    JobRunner *m_runner;
    widgets::JobPanel *m_panel;
};

} // namespace mirstudio
