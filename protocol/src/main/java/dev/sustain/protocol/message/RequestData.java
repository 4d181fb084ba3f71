package dev.sustain.protocol.message;

import dev.sustain.protocol.Kind;

/** The typed {@code data} of a request; one record per request kind. */
public sealed interface RequestData
    permits PromiseGet,
        PromiseCreate,
        PromiseSettle,
        PromiseRegisterCallback,
        PromiseRegisterListener,
        PromiseSearch,
        TaskGet,
        TaskCreate,
        TaskAcquire,
        TaskRelease,
        TaskFulfill,
        TaskSuspend,
        TaskFence,
        TaskHeartbeat,
        TaskHalt,
        TaskContinue,
        TaskSearch,
        ScheduleCreate,
        ScheduleGet,
        ScheduleDelete,
        ScheduleSearch,
        DebugStart,
        DebugStop,
        DebugReset,
        DebugTick,
        DebugSnap {
  Kind kind();
}
