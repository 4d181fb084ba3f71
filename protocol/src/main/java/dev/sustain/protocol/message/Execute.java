package dev.sustain.protocol.message;

import java.util.Objects;

/**
 * {@code {"kind":"execute","head":{"serverUrl"?},"data":{"task":{id, version}}}}: a task is ready to be acquired
 * at this version. {@code serverUrl} is {@code null} (omitted, head {@code {}}) in {@code debug.snap}.
 */
public record Execute(String serverUrl, TaskRef task) implements Message {
  public static final String KIND = "execute";

  public Execute {
    Objects.requireNonNull(task, "task");
  }

  @Override
  public String kind() {
    return KIND;
  }
}
