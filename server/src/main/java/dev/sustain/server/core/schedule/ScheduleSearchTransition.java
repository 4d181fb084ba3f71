package dev.sustain.server.core.schedule;

import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.ScheduleSearchResult;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Page;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import java.util.List;

/** {@code schedule.search} (spec §3.19): tag containment in {@code promiseTags}, by id, default limit 10. */
public final class ScheduleSearchTransition implements Transition<ScheduleSearch> {
  @Override
  public Outcome apply(Step step, ScheduleSearch data) {
    int limit = data.limit() == null ? ScheduleSearch.DEFAULT_LIMIT : data.limit();
    List<ScheduleRecord> found = step.state().searchSchedules(data.tags(), data.cursor(), limit + 1);
    Page<ScheduleRecord> page = Page.of(found, limit, ScheduleRecord::id);
    return Outcome.ok(new ScheduleSearchResult(page.items(), page.cursor()));
  }
}
