package dev.sustain.protocol.model;

/** Tag keys with protocol meaning (spec §2.3). Every other tag is opaque user metadata. */
public final class Tags {
  public static final String TARGET = "resonate:target";
  public static final String TIMER = "resonate:timer";
  public static final String DELAY = "resonate:delay";
  public static final String ORIGIN = "resonate:origin";
  public static final String BRANCH = "resonate:branch";
  public static final String PARENT = "resonate:parent";
  public static final String PREFIX = "resonate:prefix";
  public static final String SCOPE = "resonate:scope";
  public static final String SCHEDULE = "resonate:schedule";
  public static final String EXTERNAL = "resonate:external";

  private Tags() {}
}
