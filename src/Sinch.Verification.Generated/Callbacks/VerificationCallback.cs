using System;

namespace Sinch.Verification.Generated.Callbacks;

/// <summary>
/// One parsed callback. Switch on the concrete type: <see cref="VerificationRequestCallback"/>,
/// <see cref="VerificationResultCallback"/>, <see cref="VerificationSmsDeliveredCallback"/> or,
/// for an event this SDK version does not know, <see cref="UnknownVerificationCallback"/>.
/// </summary>
public abstract class VerificationCallback
{
    // Only the types in this file derive, so a switch over them is complete.
    private protected VerificationCallback(VerificationEventType eventType) =>
        EventType = eventType ?? throw new ArgumentNullException(nameof(eventType));

    /// <summary>The <c>event</c> member as received.</summary>
    public VerificationEventType EventType { get; }

    /// <summary>The kind of callback; never the payload, which holds phone numbers.</summary>
    public override string ToString() => $"{GetType().Name} {{ EventType = {EventType} }}";
}

/// <summary>A <c>VerificationRequestEvent</c>: Sinch asks whether to go ahead; answer with a <see cref="VerificationCallbackReply"/>.</summary>
public sealed class VerificationRequestCallback : VerificationCallback
{
    /// <summary>Wraps a request event (also handy for tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    public VerificationRequestCallback(VerificationRequestEvent @event)
        : base(@event?.Event ?? VerificationEventType.VerificationRequestEvent) =>
        Event = @event ?? throw new ArgumentNullException(nameof(@event));

    /// <summary>The event.</summary>
    public VerificationRequestEvent Event { get; }
}

/// <summary>A <c>VerificationResultEvent</c>: the final outcome; answer with an empty 200.</summary>
public sealed class VerificationResultCallback : VerificationCallback
{
    /// <summary>Wraps a result event (also handy for tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    public VerificationResultCallback(VerificationResultEvent @event)
        : base(@event?.Event ?? VerificationEventType.VerificationResultEvent) =>
        Event = @event ?? throw new ArgumentNullException(nameof(@event));

    /// <summary>The event.</summary>
    public VerificationResultEvent Event { get; }
}

/// <summary>A <c>VerificationSmsDeliveredEvent</c>: the SMS was delivered or not; answer with an empty 200.</summary>
public sealed class VerificationSmsDeliveredCallback : VerificationCallback
{
    /// <summary>Wraps a delivery event (also handy for tests).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    public VerificationSmsDeliveredCallback(VerificationSmsDeliveredEvent @event)
        : base(@event?.Event ?? VerificationEventType.VerificationSmsDeliveredEvent) =>
        Event = @event ?? throw new ArgumentNullException(nameof(@event));

    /// <summary>The event.</summary>
    public VerificationSmsDeliveredEvent Event { get; }
}

/// <summary>
/// An event this SDK version does not know (Sinch adds kinds over time). Not an error: answer
/// with an empty 200, and read <see cref="RawJson"/> if you need it.
/// </summary>
public sealed class UnknownVerificationCallback : VerificationCallback
{
    /// <summary>Wraps an unknown event.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public UnknownVerificationCallback(VerificationEventType eventType, string rawJson)
        : base(eventType) =>
        RawJson = rawJson ?? throw new ArgumentNullException(nameof(rawJson));

    /// <summary>The body exactly as received, decoded from UTF-8.</summary>
    public string RawJson { get; }
}
