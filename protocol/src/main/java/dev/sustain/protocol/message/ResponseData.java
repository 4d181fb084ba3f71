package dev.sustain.protocol.message;

/**
 * The {@code data} of a response: a typed result for status 200 (and 300 for {@code task.suspend}), an
 * {@link ErrorMessage} string for every other status.
 */
public sealed interface ResponseData
    permits ErrorMessage,
        Empty,
        PromiseGetResult,
        PromiseCreateResult,
        PromiseSettleResult,
        PromiseRegisterCallbackResult,
        PromiseRegisterListenerResult,
        PromiseSearchResult,
        TaskGetResult,
        TaskCreateResult,
        TaskAcquireResult,
        TaskFulfillResult,
        TaskSuspendResult,
        TaskFenceResult,
        TaskSearchResult,
        ScheduleCreateResult,
        ScheduleGetResult,
        ScheduleSearchResult,
        DebugTickResult,
        DebugSnapResult {}
