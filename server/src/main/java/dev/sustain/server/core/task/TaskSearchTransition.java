package dev.sustain.server.core.task;

import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSearchResult;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Page;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import dev.sustain.server.core.state.TaskRow;
import java.util.List;

/** {@code task.search} (spec §3.17): stored state, no Touch, by id. */
public final class TaskSearchTransition implements Transition<TaskSearch> {
  @Override
  public Outcome apply(Step step, TaskSearch data) {
    int limit = data.limit() == null ? TaskSearch.DEFAULT_LIMIT : data.limit();
    List<TaskRow> rows = step.state().searchTasks(data.state(), data.cursor(), limit + 1);
    List<TaskRecord> records = rows.stream().map(step.tasks()::record).toList();
    Page<TaskRecord> page = Page.of(records, limit, TaskRecord::id);
    return Outcome.ok(new TaskSearchResult(page.items(), page.cursor()));
  }
}
