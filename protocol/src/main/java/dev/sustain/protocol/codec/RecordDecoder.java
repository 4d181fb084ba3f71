package dev.sustain.protocol.codec;

import static dev.sustain.protocol.codec.NodeReader.INTEGER;
import static dev.sustain.protocol.codec.NodeReader.OBJECT;
import static dev.sustain.protocol.codec.NodeReader.child;
import static dev.sustain.protocol.codec.NodeReader.index;
import static dev.sustain.protocol.codec.NodeReader.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sustain.protocol.model.PromiseRecord;
import dev.sustain.protocol.model.PromiseState;
import dev.sustain.protocol.model.ScheduleRecord;
import dev.sustain.protocol.model.TaskRecord;
import dev.sustain.protocol.model.TaskState;
import dev.sustain.protocol.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decodes the shared wire records (spec §2.1–§2.2) from JSON trees. Stateless. */
final class RecordDecoder {
  static final String PROMISE_STATES =
      "expected one of pending, resolved, rejected, rejected_canceled, rejected_timedout";
  static final String TASK_STATES = "expected one of pending, acquired, suspended, halted, fulfilled";
  static final String RESUMES = "expected an integer, an array or a boolean";

  private RecordDecoder() {}

  /** An optional Value field; absent means {@link Value#EMPTY} (spec §2.1). */
  static Value value(NodeReader in, JsonNode parent, String path, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      return Value.EMPTY;
    }
    String valuePath = child(path, name);
    if (!node.isObject()) {
      throw in.fail(valuePath, OBJECT);
    }
    Map<String, String> headers = in.optStringMap(node, valuePath, "headers");
    String data = in.optString(node, valuePath, "data");
    return headers == null && data == null ? Value.EMPTY : new Value(headers, data);
  }

  static PromiseRecord promise(NodeReader in, JsonNode node, String path) throws DecodeException {
    if (!node.isObject()) {
      throw in.fail(path, OBJECT);
    }
    String id = in.string(node, path, "id");
    PromiseState state = PromiseState.fromWire(NodeReader.textOrNull(node, "state"))
        .orElseThrow(() -> in.fail(child(path, "state"), PROMISE_STATES));
    Map<String, String> tags = in.optStringMap(node, path, "tags");
    return new PromiseRecord(
        id,
        state,
        value(in, node, path, "param"),
        value(in, node, path, "value"),
        tags,
        in.integer(node, path, "timeoutAt", INTEGER),
        in.integer(node, path, "createdAt", INTEGER),
        in.optInteger(node, path, "settledAt", INTEGER));
  }

  static PromiseRecord promiseField(NodeReader in, JsonNode parent, String path, String name)
      throws DecodeException {
    return promise(in, in.object(parent, path, name), child(path, name));
  }

  static List<PromiseRecord> promises(NodeReader in, JsonNode parent, String path, String name)
      throws DecodeException {
    ArrayNode array = in.array(parent, path, name);
    String listPath = child(path, name);
    List<PromiseRecord> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(promise(in, array.get(i), index(listPath, i)));
    }
    return out;
  }

  /** Like {@link #promises} but an absent field reads as empty ({@code preload} is optional to the SDK). */
  static List<PromiseRecord> optPromises(NodeReader in, JsonNode parent, String path, String name)
      throws DecodeException {
    return present(parent, name) == null ? List.of() : promises(in, parent, path, name);
  }

  static TaskRecord task(NodeReader in, JsonNode node, String path) throws DecodeException {
    if (!node.isObject()) {
      throw in.fail(path, OBJECT);
    }
    String id = in.string(node, path, "id");
    TaskState state = TaskState.fromWire(NodeReader.textOrNull(node, "state"))
        .orElseThrow(() -> in.fail(child(path, "state"), TASK_STATES));
    return new TaskRecord(
        id,
        state,
        in.integer(node, path, "version", INTEGER),
        resumes(in, node, path),
        in.optInteger(node, path, "ttl", INTEGER),
        in.optString(node, path, "pid"));
  }

  /**
   * The reference server sends a count, the SDK's in-process server an array of awaited ids, older builds a
   * boolean; the SDK accepts all three, so a client must too. All are folded into a count.
   */
  private static long resumes(NodeReader in, JsonNode task, String path) throws DecodeException {
    JsonNode node = present(task, "resumes");
    if (node != null) {
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return node.longValue();
      }
      if (node.isArray()) {
        return node.size();
      }
      if (node.isBoolean()) {
        return node.booleanValue() ? 1 : 0;
      }
    }
    throw in.fail(child(path, "resumes"), RESUMES);
  }

  static List<TaskRecord> tasks(NodeReader in, JsonNode parent, String path, String name) throws DecodeException {
    ArrayNode array = in.array(parent, path, name);
    String listPath = child(path, name);
    List<TaskRecord> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(task(in, array.get(i), index(listPath, i)));
    }
    return out;
  }

  static ScheduleRecord schedule(NodeReader in, JsonNode node, String path) throws DecodeException {
    if (!node.isObject()) {
      throw in.fail(path, OBJECT);
    }
    return new ScheduleRecord(
        in.string(node, path, "id"),
        in.string(node, path, "cron"),
        in.string(node, path, "promiseId"),
        in.integer(node, path, "promiseTimeout", INTEGER),
        value(in, node, path, "promiseParam"),
        in.optStringMap(node, path, "promiseTags"),
        in.integer(node, path, "createdAt", INTEGER),
        in.integer(node, path, "nextRunAt", INTEGER),
        in.optInteger(node, path, "lastRunAt", INTEGER));
  }

  static List<ScheduleRecord> schedules(NodeReader in, JsonNode parent, String path, String name)
      throws DecodeException {
    ArrayNode array = in.array(parent, path, name);
    String listPath = child(path, name);
    List<ScheduleRecord> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(schedule(in, array.get(i), index(listPath, i)));
    }
    return out;
  }
}
