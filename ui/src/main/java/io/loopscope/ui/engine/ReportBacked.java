package io.loopscope.ui.engine;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.report.TraceReport;

/** An analysis that is the analysis module's own report, so data exports can write it as the CLI does. */
public interface ReportBacked {
    TraceData data();

    TraceReport report();
}
