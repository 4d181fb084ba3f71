package dev.sustain.protocol.validate;

import dev.sustain.protocol.address.Address;
import dev.sustain.protocol.envelope.Action;
import dev.sustain.protocol.message.PromiseCreate;
import dev.sustain.protocol.message.PromiseGet;
import dev.sustain.protocol.message.PromiseRegisterCallback;
import dev.sustain.protocol.message.PromiseRegisterListener;
import dev.sustain.protocol.message.PromiseSearch;
import dev.sustain.protocol.message.PromiseSettle;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.protocol.message.ScheduleCreate;
import dev.sustain.protocol.message.ScheduleDelete;
import dev.sustain.protocol.message.ScheduleGet;
import dev.sustain.protocol.message.ScheduleSearch;
import dev.sustain.protocol.message.TaskAcquire;
import dev.sustain.protocol.message.TaskContinue;
import dev.sustain.protocol.message.TaskCreate;
import dev.sustain.protocol.message.TaskFence;
import dev.sustain.protocol.message.TaskFulfill;
import dev.sustain.protocol.message.TaskGet;
import dev.sustain.protocol.message.TaskHalt;
import dev.sustain.protocol.message.TaskHeartbeat;
import dev.sustain.protocol.message.TaskRef;
import dev.sustain.protocol.message.TaskRelease;
import dev.sustain.protocol.message.TaskSearch;
import dev.sustain.protocol.message.TaskSuspend;
import dev.sustain.protocol.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The value rules of every request kind (spec §2.4 and the validation tables of §3.1–§3.20), applied to data
 * the codec has already type-checked. Pure functions with no state: the server runs them as the authority, the
 * client to fail fast. Messages are the spec's (the reference server's wording); paths name the field.
 *
 * <p>Order: field rules of a kind are all reported together (the reference server joins them with
 * {@code "; "}); only when they pass are the cross-field rules evaluated, and the first failure is reported.
 */
public final class RequestRules {
  private static final String DATA = "data";
  private static final int MAX_LIMIT = 1000;

  private RequestRules() {}

  /** Every violation of {@code data}'s rules, in report order; empty if the request is valid. */
  public static List<Violation> check(RequestData data, RuleOptions options) {
    List<Violation> out = new ArrayList<>(2);
    switch (data.kind()) {
      case PROMISE_GET -> promiseId(out, ((PromiseGet) data).id(), DATA);
      case PROMISE_CREATE -> promiseCreate(out, (PromiseCreate) data, DATA, options);
      case PROMISE_SETTLE -> promiseId(out, ((PromiseSettle) data).id(), DATA);
      case PROMISE_REGISTER_CALLBACK -> registerCallback(out, (PromiseRegisterCallback) data, DATA, options);
      case PROMISE_REGISTER_LISTENER -> registerListener(out, (PromiseRegisterListener) data);
      case PROMISE_SEARCH -> limit(out, ((PromiseSearch) data).limit());
      case TASK_GET -> taskId(out, ((TaskGet) data).id());
      case TASK_CREATE -> taskCreate(out, (TaskCreate) data, options);
      case TASK_ACQUIRE -> {
        TaskAcquire d = (TaskAcquire) data;
        taskId(out, d.id());
        version(out, d.version());
        pid(out, d.pid());
        ttl(out, d.ttl());
      }
      case TASK_RELEASE -> {
        TaskRelease d = (TaskRelease) data;
        taskId(out, d.id());
        version(out, d.version());
      }
      case TASK_FULFILL -> taskFulfill(out, (TaskFulfill) data);
      case TASK_SUSPEND -> taskSuspend(out, (TaskSuspend) data, options);
      case TASK_FENCE -> taskFence(out, (TaskFence) data, options);
      case TASK_HEARTBEAT -> taskHeartbeat(out, (TaskHeartbeat) data, options);
      case TASK_HALT -> taskId(out, ((TaskHalt) data).id());
      case TASK_CONTINUE -> taskId(out, ((TaskContinue) data).id());
      case TASK_SEARCH -> limit(out, ((TaskSearch) data).limit());
      case SCHEDULE_CREATE -> scheduleCreate(out, (ScheduleCreate) data);
      case SCHEDULE_GET -> scheduleId(out, ((ScheduleGet) data).id());
      case SCHEDULE_DELETE -> scheduleId(out, ((ScheduleDelete) data).id());
      case SCHEDULE_SEARCH -> limit(out, ((ScheduleSearch) data).limit());
      case DEBUG_START, DEBUG_STOP, DEBUG_RESET, DEBUG_TICK, DEBUG_SNAP -> {
        // no value rules: the codec's type checks are all there is
      }
    }
    return List.copyOf(out);
  }

  /** {@code "path: message; path: message"}, the text of a 400 answer. */
  public static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  // ---- spec §2.4: promise creation (promise.create, task.create's action, task.fence's create action)

  private static void promiseCreate(List<Violation> out, PromiseCreate d, String path, RuleOptions options) {
    if (creationFieldRules(out, d, path)) {
      creationRules(out, d, path, options);
    }
  }

  /** V1–V2, both reported; true if they pass. */
  private static boolean creationFieldRules(List<Violation> out, PromiseCreate d, String path) {
    int before = out.size();
    promiseId(out, d.id(), path);
    if (d.timeoutAt() < 0) {
      out.add(new Violation(path + ".timeoutAt", "TimeoutAt must be a non-negative integer"));
    }
    return out.size() == before;
  }

  /** The first failure of V3–V11, else V12. */
  private static void creationRules(List<Violation> out, PromiseCreate d, String path, RuleOptions options) {
    Violation first = firstCreationViolation(d, path, options);
    if (first != null) {
      out.add(first);
    }
  }

  private static Violation firstCreationViolation(PromiseCreate d, String path, RuleOptions options) {
    String id = d.id();
    Map<String, String> tags = d.tags();
    String tagsPath = path + ".tags.";
    if (id.indexOf('\0') >= 0) {
      return new Violation(path + ".id", "Promise ID must not contain null bytes");
    }
    if (options.strictLineage()) {
      Violation lineage = lineageViolation(id, tags, tagsPath);
      if (lineage != null) {
        return lineage;
      }
    }
    String delay = tags.get(Tags.DELAY);
    if (delay != null) {
      long delayAt;
      try {
        delayAt = Long.parseLong(delay);
      } catch (NumberFormatException e) {
        delayAt = -1;
      }
      if (delayAt < 0) {
        return new Violation(tagsPath + Tags.DELAY, "resonate:delay must be a non-negative integer");
      }
      if (delayAt >= d.timeoutAt()) {
        return new Violation(tagsPath + Tags.DELAY, "resonate:delay must be less than timeoutAt");
      }
      if (!tags.containsKey(Tags.TARGET)) {
        return new Violation(tagsPath + Tags.DELAY, "resonate:delay requires a resonate:target tag");
      }
    }
    String target = tags.get(Tags.TARGET);
    if (target != null && !Address.isValid(target)) {
      return new Violation(tagsPath + Tags.TARGET, "Invalid resonate:target address");
    }
    return null;
  }

  /** V4–V8 in the SDK 0.11.5 grammar (see {@link Lineage}); the reference server's {@code .} rules reject the SDK. */
  private static Violation lineageViolation(String id, Map<String, String> tags, String tagsPath) {
    String origin = tags.get(Tags.ORIGIN);
    if (origin != null && origin.indexOf(':') >= 0) {
      return new Violation(tagsPath + Tags.ORIGIN, "resonate:origin must not contain ':'");
    }
    if (origin != null && !Lineage.descendsFrom(id, origin)) {
      return new Violation(tagsPath + Tags.ORIGIN, "Promise ID must be prefixed by resonate:origin");
    }
    String branch = tags.get(Tags.BRANCH);
    if (branch != null && !Lineage.descendsFrom(id, branch)) {
      return new Violation(tagsPath + Tags.BRANCH, "Promise ID must be prefixed by resonate:branch");
    }
    String parent = tags.get(Tags.PARENT);
    if (parent != null && !Lineage.descendsFrom(id, parent)) {
      return new Violation(tagsPath + Tags.PARENT, "Promise ID must be prefixed by resonate:parent");
    }
    String prefix = tags.get(Tags.PREFIX);
    if (prefix != null && prefix.indexOf(':') >= 0) {
      return new Violation(tagsPath + Tags.PREFIX, "resonate:prefix must not contain ':'");
    }
    return null;
  }

  // ---- promise kinds

  private static void registerCallback(
      List<Violation> out, PromiseRegisterCallback d, String path, RuleOptions options) {
    if (d.awaited().isEmpty()) {
      out.add(new Violation(path + ".awaited", "Awaited promise ID is required"));
    }
    if (d.awaiter().isEmpty()) {
      out.add(new Violation(path + ".awaiter", "Awaiter promise ID is required"));
    }
    if (!out.isEmpty()) {
      return;
    }
    if (d.awaited().equals(d.awaiter())) {
      out.add(new Violation(path + ".awaiter", "Awaited and awaiter must be different promises"));
    } else if (options.strictLineage() && !Lineage.origin(d.awaiter()).equals(Lineage.origin(d.awaited()))) {
      out.add(new Violation(path + ".awaiter", "Awaiter and awaited must belong to the same origin"));
    }
  }

  private static void registerListener(List<Violation> out, PromiseRegisterListener d) {
    if (d.awaited().isEmpty()) {
      out.add(new Violation("data.awaited", "Awaited promise ID is required"));
    }
    if (d.address().isEmpty()) {
      out.add(new Violation("data.address", "Address is required"));
    } else if (!Address.isValid(d.address())) {
      out.add(new Violation("data.address", "Invalid listener address"));
    }
  }

  // ---- task kinds

  private static void taskCreate(List<Violation> out, TaskCreate d, RuleOptions options) {
    String path = "data.action.data";
    PromiseCreate create = d.action().data();
    pid(out, d.pid());
    ttl(out, d.ttl());
    if (!creationFieldRules(out, create, path) || !out.isEmpty()) {
      return;
    }
    if (!create.tags().containsKey(Tags.TARGET)) {
      out.add(new Violation(path + ".tags", "Action must have a resonate:target tag"));
    } else if (create.tags().containsKey(Tags.DELAY)) {
      out.add(new Violation(path + ".tags." + Tags.DELAY, "Action must not have a resonate:delay tag"));
    } else {
      creationRules(out, create, path, options);
    }
  }

  private static void taskFulfill(List<Violation> out, TaskFulfill d) {
    taskId(out, d.id());
    version(out, d.version());
    if (out.isEmpty() && !d.action().data().id().equals(d.id())) {
      out.add(new Violation("data.action.data.id", "Action ID must match the task ID"));
    }
  }

  private static void taskSuspend(List<Violation> out, TaskSuspend d, RuleOptions options) {
    taskId(out, d.id());
    version(out, d.version());
    if (d.actions().isEmpty()) {
      out.add(new Violation("data.actions", "Actions array cannot be empty"));
    }
    for (int i = 0; out.isEmpty() && i < d.actions().size(); i++) {
      Action<PromiseRegisterCallback> action = d.actions().get(i);
      String path = "data.actions[" + i + "].data";
      PromiseRegisterCallback callback = action.data();
      if (callback.awaited().isEmpty()) {
        out.add(new Violation(path + ".awaited", "Awaited promise ID is required"));
      } else if (callback.awaiter().isEmpty()) {
        out.add(new Violation(path + ".awaiter", "Awaiter promise ID is required"));
      } else if (callback.awaited().equals(d.id())) {
        // With this rule and awaiter == id, §3.4's pairwise awaited != awaiter is implied; checking the awaited
        // side first gives a task that awaits itself this, the more specific, message.
        out.add(new Violation(path + ".awaited", "Action awaited promise must not equal the task ID"));
      } else if (!callback.awaiter().equals(d.id())) {
        out.add(new Violation(path + ".awaiter", "All action awaiter IDs must match the task ID"));
      } else if (options.strictLineage() && !Lineage.origin(callback.awaited()).equals(Lineage.origin(d.id()))) {
        out.add(new Violation(path + ".awaited", "Awaited promise must belong to the same origin as the task"));
      }
    }
  }

  private static void taskFence(List<Violation> out, TaskFence d, RuleOptions options) {
    taskId(out, d.id());
    version(out, d.version());
    if (!out.isEmpty()) {
      return;
    }
    String path = "data.action.data";
    RequestData inner = d.action().data();
    String innerId = inner instanceof PromiseCreate c ? c.id() : inner instanceof PromiseSettle s ? s.id() : null;
    if (d.id().equals(innerId)) {
      out.add(new Violation(path + ".id", "Action ID must not equal the task ID"));
    } else if (inner instanceof PromiseCreate create) {
      promiseCreate(out, create, path, options);
    } else if (inner instanceof PromiseSettle settle) {
      promiseId(out, settle.id(), path);
    } else {
      out.add(new Violation("data.action.kind", "Invalid fence action kind"));
    }
  }

  /** Empty batches and mixed roots are accepted (spec D1); only strict mode checks the batch's origin. */
  private static void taskHeartbeat(List<Violation> out, TaskHeartbeat d, RuleOptions options) {
    pid(out, d.pid());
    if (out.isEmpty() && options.strictLineage() && !d.tasks().isEmpty()) {
      String origin = Lineage.origin(d.tasks().get(0).id());
      for (TaskRef task : d.tasks()) {
        if (!Lineage.origin(task.id()).equals(origin)) {
          out.add(new Violation("data.tasks", "All tasks must belong to the same origin"));
          return;
        }
      }
    }
  }

  // ---- schedules

  private static void scheduleCreate(List<Violation> out, ScheduleCreate d) {
    scheduleId(out, d.id());
    if (d.id().indexOf('.') >= 0) {
      out.add(new Violation("data.id", "Schedule ID must not contain '.'"));
    }
    if (d.cron().isEmpty()) {
      out.add(new Violation("data.cron", "Cron expression is required"));
    }
    if (d.promiseId().isEmpty()) {
      out.add(new Violation("data.promiseId", "Promise ID is required"));
    }
    if (d.promiseTimeout() < 0) {
      out.add(new Violation("data.promiseTimeout", "Promise timeout must be a non-negative integer"));
    }
    if (!out.isEmpty()) {
      return;
    }
    String target = d.promiseTags().get(Tags.TARGET);
    if (target == null) {
      out.add(new Violation("data.promiseTags", "promiseTags must include a resonate:target tag"));
    } else if (!Address.isValid(target)) {
      out.add(new Violation("data.promiseTags." + Tags.TARGET, "Invalid resonate:target address"));
    }
  }

  // ---- shared field rules

  private static void promiseId(List<Violation> out, String id, String path) {
    if (id.isEmpty()) {
      out.add(new Violation(path + ".id", "Promise ID is required"));
    }
  }

  private static void taskId(List<Violation> out, String id) {
    if (id.isEmpty()) {
      out.add(new Violation("data.id", "Task ID is required"));
    }
  }

  private static void scheduleId(List<Violation> out, String id) {
    if (id.isEmpty()) {
      out.add(new Violation("data.id", "Schedule ID is required"));
    }
  }

  private static void version(List<Violation> out, long version) {
    if (version < 0) {
      out.add(new Violation("data.version", "Version must be a non-negative integer"));
    }
  }

  private static void pid(List<Violation> out, String pid) {
    if (pid.isEmpty()) {
      out.add(new Violation("data.pid", "Process ID is required"));
    }
  }

  private static void ttl(List<Violation> out, long ttl) {
    if (ttl < 1) {
      out.add(new Violation("data.ttl", "TTL must be a positive integer"));
    }
  }

  private static void limit(List<Violation> out, Integer limit) {
    if (limit == null) {
      return;
    }
    if (limit < 1) {
      out.add(new Violation("data.limit", "Limit must be a positive integer"));
    } else if (limit > MAX_LIMIT) {
      out.add(new Violation("data.limit", "Invalid 'limit' — must be between 1 and 1000"));
    }
  }
}
