package dev.sustain.server.core.promise;

import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSearchResult;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.server.core.Outcome;
import dev.sustain.server.core.Page;
import dev.sustain.server.core.Step;
import dev.sustain.server.core.Transition;
import java.util.List;

/** {@code promise.search} (spec §3.6): stored state, no Touch, by id, cursor only when more records exist. */
public final class PromiseSearchTransition implements Transition<PromiseSearch> {
  @Override
  public Outcome apply(Step step, PromiseSearch data) {
    int limit = data.limit() == null ? PromiseSearch.DEFAULT_LIMIT : data.limit();
    List<PromiseRecord> found = step.state().searchPromises(data.state(), data.tags(), data.cursor(), limit + 1);
    Page<PromiseRecord> page = Page.of(found, limit, PromiseRecord::id);
    return Outcome.ok(new PromiseSearchResult(page.items(), page.cursor()));
  }
}
